/** The parts of a multipart/form-data body: fields by name, file parts by file name, and the file parts' own names. */
export function parseMultipart(
  contentType: string,
  raw: Buffer,
): { fields: Record<string, string>; files: Record<string, Buffer>; fileParts: string[] } {
  const fields: Record<string, string> = {};
  const files: Record<string, Buffer> = {};
  const fileParts: string[] = [];
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) return { fields, files, fileParts };
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let start = raw.indexOf(delimiter);
  while (start >= 0) {
    const next = raw.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const part = raw.subarray(start + delimiter.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, split).toString();
    const content = part.subarray(split + 4);
    const name = /name="([^"]+)"/.exec(headers)?.[1];
    const filename = /filename="([^"]+)"/.exec(headers)?.[1];
    if (filename) {
      files[filename] = Buffer.from(content);
      fileParts.push(name ?? '');
    } else if (name) fields[name] = content.toString();
    start = next;
  }
  return { fields, files, fileParts };
}
