import { execFileSync } from 'node:child_process';

/** One flag as `docker <command> --help` lists it. */
export interface HelpFlag {
  long: string;
  short?: string;
  type: string;
  description: string;
}

/** Reads the flags of `docker <command...> --help` from the installed CLI (undefined when there is none). */
export function dockerHelpFlags(command: string[]): HelpFlag[] | undefined {
  let text: string;
  try {
    text = execFileSync('docker', [...command, '--help'], { encoding: 'utf8', env: { ...process.env, COLUMNS: '400' } });
  } catch {
    return undefined;
  }
  return parseHelp(text);
}

export function parseHelp(text: string): HelpFlag[] {
  const flags: HelpFlag[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s+(?:-(\w), )?--([\w-]+)(?: ([\w-]+))?\s{2,}(.*)$/.exec(line);
    if (m) {
      flags.push({ short: m[1], long: m[2]!, type: m[3] ?? 'bool', description: m[4]!.trim() });
    } else if (flags.length && /^\s{20,}\S/.test(line)) {
      const last = flags[flags.length - 1]!;
      last.description += ' ' + line.trim();
    }
  }
  return flags.filter((f) => f.long !== 'help');
}
