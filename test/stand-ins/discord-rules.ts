/**
 * What Discord refuses, as the stand-in checks it: message payloads and application command registrations, with
 * the shape of Discord's "Invalid Form Body" (50035) errors. Limits from Discord's developer documentation
 * (resources/message, interactions/application-commands).
 */
export type FormErrors = Record<string, unknown>;

const error = (code: string, message: string) => ({ _errors: [{ code, message }] });

export const MESSAGE_LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  actionRows: 5,
  componentsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
};

/**
 * A message body (create or edit) against Discord's limits. `fileParts` are the multipart names of the files sent
 * (`files[0]`, …); every attachment the body declares by a numeric id must have its file part, and no id twice.
 */
export function checkMessage(body: any, fileParts: readonly string[], create = true): FormErrors | undefined {
  const errors: FormErrors = {};
  const content = typeof body.content === 'string' ? body.content : '';
  if (content.length > MESSAGE_LIMITS.content) errors.content = error('BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.');
  const embeds: any[] = Array.isArray(body.embeds) ? body.embeds : [];
  if (embeds.length > MESSAGE_LIMITS.embeds) errors.embeds = error('BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
  let total = 0;
  embeds.forEach((e, i) => {
    const bad: FormErrors = {};
    const len = (x: unknown) => (typeof x === 'string' ? x.length : 0);
    if (len(e.title) > MESSAGE_LIMITS.title) bad.title = error('BASE_TYPE_MAX_LENGTH', 'Must be 256 or fewer in length.');
    if (len(e.description) > MESSAGE_LIMITS.description)
      bad.description = error('BASE_TYPE_MAX_LENGTH', 'Must be 4096 or fewer in length.');
    const fields: any[] = Array.isArray(e.fields) ? e.fields : [];
    if (fields.length > MESSAGE_LIMITS.fields) bad.fields = error('BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    fields.forEach((f, j) => {
      if (!len(f.name) || len(f.name) > MESSAGE_LIMITS.fieldName)
        bad[`fields.${j}.name`] = error('BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 256 in length.');
      if (!len(f.value) || len(f.value) > MESSAGE_LIMITS.fieldValue)
        bad[`fields.${j}.value`] = error('BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 1024 in length.');
    });
    total +=
      len(e.title) +
      len(e.description) +
      len(e.footer?.text) +
      len(e.author?.name) +
      fields.reduce((n: number, f: any) => n + len(f.name) + len(f.value), 0);
    if (Object.keys(bad).length) errors[`embeds.${i}`] = bad;
  });
  if (total > MESSAGE_LIMITS.embedTotal) errors.embeds = error('MESSAGE_EMBEDS_TOO_LONG', 'Embed size exceeds maximum size of 6000');
  const rows: any[] = Array.isArray(body.components) ? body.components : [];
  if (rows.length > MESSAGE_LIMITS.actionRows) errors.components = error('BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    const parts: any[] = Array.isArray(row.components) ? row.components : [];
    if (row.type !== 1) errors[`components.${i}.type`] = error('UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1,).');
    if (!parts.length || parts.length > MESSAGE_LIMITS.componentsPerRow)
      errors[`components.${i}.components`] = error('BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
    parts.forEach((c, j) => {
      const id = c.custom_id;
      if (c.style !== 5 && (typeof id !== 'string' || !id.length || id.length > MESSAGE_LIMITS.customId))
        errors[`components.${i}.components.${j}.custom_id`] = error('BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
      if (typeof id === 'string' && ids.has(id))
        errors[`components.${i}.components.${j}.custom_id`] = error(
          'COMPONENT_CUSTOM_ID_DUPLICATED',
          'Component custom id cannot be duplicated',
        );
      if (typeof id === 'string') ids.add(id);
      if (typeof c.label === 'string' && c.label.length > MESSAGE_LIMITS.buttonLabel)
        errors[`components.${i}.components.${j}.label`] = error('BASE_TYPE_MAX_LENGTH', 'Must be 80 or fewer in length.');
    });
  });
  const attachments: any[] = Array.isArray(body.attachments) ? body.attachments : [];
  const seen = new Set<string>();
  attachments.forEach((a, i) => {
    const id = String(a.id);
    if (seen.has(id)) errors[`attachments.${i}.id`] = error('ATTACHMENT_ID_DUPLICATED', 'Attachment ids must be unique');
    seen.add(id);
    // A small number names a file of this request; a snowflake an attachment the message has already.
    if (/^\d{1,3}$/.test(id) && !fileParts.includes(`files[${id}]`))
      errors[`attachments.${i}.id`] = error('ATTACHMENT_NOT_FOUND', `No file part files[${id}] in this request`);
  });
  if (attachments.length && fileParts.some((p) => !seen.has(/^files\[(\d+)\]$/.exec(p)?.[1] ?? '')))
    errors.attachments = error('ATTACHMENT_NOT_FOUND', 'A file part has no matching attachment');
  if (create && !content && !embeds.length && !rows.length && !fileParts.length && !(body.poll || body.sticker_ids?.length))
    return { _empty: error('EMPTY_MESSAGE', 'Cannot send an empty message') };
  return Object.keys(errors).length ? errors : undefined;
}

const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;

/** `PUT /applications/{id}/commands` against Discord's rules for chat input commands. */
export function checkRegistration(body: unknown): FormErrors | undefined {
  const errors: FormErrors = {};
  if (!Array.isArray(body)) return { _root: error('BASE_TYPE_ARRAY', 'Must be an array') };
  if (body.length > 100) errors._root = error('BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
  body.forEach((command: any, i: number) => checkOption(command, `${i}`, 'command', errors));
  return Object.keys(errors).length ? errors : undefined;
}

type Level = 'command' | 'group' | 'sub' | 'leaf';

function checkOption(o: any, at: string, level: Level, errors: FormErrors): void {
  if (typeof o.name !== 'string' || !NAME.test(o.name) || o.name !== o.name.toLowerCase())
    errors[`${at}.name`] = error('APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  const descriptions = [o.description, ...Object.values(o.description_localizations ?? {})];
  if (descriptions.some((d) => typeof d !== 'string' || d.length < 1 || d.length > 100))
    errors[`${at}.description`] = error('BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
  const options: any[] = Array.isArray(o.options) ? o.options : [];
  if (options.length > 25) errors[`${at}.options`] = error('BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  const names = new Set<string>();
  let optionalSeen = false;
  const subs = options.filter((x) => x.type === SUB_COMMAND || x.type === SUB_COMMAND_GROUP).length;
  if (subs && subs !== options.length)
    errors[`${at}.options`] = error('APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Subcommands cannot be mixed with other options');
  options.forEach((x, j) => {
    const here = `${at}.options.${j}`;
    if (names.has(x.name)) errors[`${here}.name`] = error('APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique');
    names.add(x.name);
    const nested = x.type === SUB_COMMAND || x.type === SUB_COMMAND_GROUP;
    const allowed = level === 'command' ? true : level === 'group' ? x.type === SUB_COMMAND : !nested;
    if (!allowed)
      errors[`${here}.type`] = error(
        'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
        'Subcommand groups hold subcommands, subcommands hold options',
      );
    if (nested) {
      checkOption(x, here, x.type === SUB_COMMAND_GROUP ? 'group' : 'sub', errors);
      return;
    }
    checkOption({ ...x, options: undefined }, here, 'leaf', errors);
    if (x.required) {
      if (optionalSeen)
        errors[`${here}.required`] = error(
          'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
          'Required options must be placed before non-required options',
        );
    } else optionalSeen = true;
    if (x.autocomplete && Array.isArray(x.choices) && x.choices.length)
      errors[`${here}.autocomplete`] = error('APPLICATION_COMMAND_AUTOCOMPLETE_INVALID', 'Autocomplete cannot be set with choices');
    if (Array.isArray(x.choices) && x.choices.length > 25)
      errors[`${here}.choices`] = error('BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  });
}
