/**
 * Writes src/explain/cli/docker-cli.json: every command, subcommand and flag of the installed Docker CLI, read from
 * `docker … --help` with no engine reachable (the help depends on the engine it reaches), with the client version.
 * Usage: npx tsx scripts/gen-cli-reference.ts [--check]   (--check prints the differences instead of writing)
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface CliFlag {
  long: string;
  short?: string;
  /** The value's type as help names it (string, list, duration, bytes…); absent for a boolean flag. */
  type?: string;
  en: string;
}
export interface CliCommand {
  /** `container run`, `image ls`, `run`. */
  path: string;
  usage: string;
  en: string;
  /** Other spellings, each a full path: `run` for `container run`. */
  aliases: string[];
  subcommands: string[];
  flags: CliFlag[];
}
export interface CliReference {
  client: string;
  absentPlugins: string[];
  globalFlags: CliFlag[];
  commands: CliCommand[];
}

const env = { ...process.env, DOCKER_HOST: 'unix:///nonexistent', COLUMNS: '80', DOCKER_CLI_HINTS: 'false' };

function help(path: string[]): string {
  return execFileSync('docker', [...path, '--help'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

/** Parses one `--help` page into its parts. */
export function parseHelp(text: string): {
  usage: string;
  en: string;
  aliases: string[];
  subcommands: string[];
  flags: CliFlag[];
  global: CliFlag[];
} {
  const lines = text.split('\n');
  const usage = (lines.find((l) => l.startsWith('Usage:')) ?? '').replace(/^Usage:\s+/, '').trim();
  let start = lines.findIndex((l) => l.startsWith('Usage:')) + 1;
  while (start < lines.length && lines[start]!.trim() !== '') start++;
  const desc: string[] = [];
  for (let i = start + 1; i < lines.length && lines[i]!.trim() !== ''; i++) desc.push(lines[i]!.trim());
  const aliases: string[] = [];
  const subcommands: string[] = [];
  const flags: CliFlag[] = [];
  const global: CliFlag[] = [];
  let section = '';
  let last: CliFlag | undefined;
  for (const line of lines) {
    if (/^\S.*:$/.test(line)) {
      section = line;
      last = undefined;
      continue;
    }
    if (line.trim() === '') {
      if (!section.endsWith('Options:')) section = '';
      continue;
    }
    if (section === 'Aliases:')
      aliases.push(
        ...line
          .trim()
          .split(/,\s*/)
          .map((a) => a.replace(/^docker /, '')),
      );
    else if (section.endsWith('Commands:')) {
      const m = /^ {2}(\S+)\*?\s/.exec(line);
      if (m) subcommands.push(m[1]!.replace(/\*$/, ''));
    } else if (section.endsWith('Options:')) {
      const m = /^ {2}(?:-(\w), )?\s*--([\w-]+)(?: ([\w-]+))?(?:\s{2,}(.*))?$/.exec(line);
      if (m) {
        last = { long: m[2]!, ...(m[1] ? { short: m[1] } : {}), ...(m[3] ? { type: m[3] } : {}), en: (m[4] ?? '').trim() };
        (section === 'Global Options:' ? global : flags).push(last);
      } else if (last) last.en = `${last.en} ${line.trim()}`.trim();
    }
  }
  return { usage, en: desc.join(' '), aliases, subcommands, flags, global };
}

export function generate(): CliReference {
  const client = /Docker version ([^,\s]+)/.exec(execFileSync('docker', ['--version'], { env, encoding: 'utf8' }))?.[1] ?? 'unknown';
  const top = parseHelp(help([]));
  const commands: CliCommand[] = [];
  const walk = (path: string[]) => {
    const page = parseHelp(help(path));
    commands.push({
      path: path.join(' '),
      usage: page.usage,
      en: page.en,
      aliases: page.aliases.filter((a) => a !== path.join(' ')),
      subcommands: page.subcommands,
      flags: [...page.flags, ...(page.flags.some((f) => f.long === 'help') ? [] : [{ long: 'help', en: 'Print usage' }])],
    });
    for (const sub of page.subcommands) walk([...path, sub]);
  };
  for (const sub of top.subcommands) walk([sub]);
  const absentPlugins = ['compose', 'buildx'].filter((p) => !top.subcommands.includes(p));
  return { client, absentPlugins, globalFlags: top.global, commands };
}

const out = fileURLToPath(new URL('../src/explain/cli/docker-cli.json', import.meta.url));
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ref = generate();
  const text = `${JSON.stringify(ref, null, 1)}\n`;
  if (process.argv.includes('--check')) {
    const same = readFileSync(out, 'utf8') === text;
    console.log(same ? 'docker-cli.json is up to date' : 'docker-cli.json differs from the installed client');
    process.exit(same ? 0 : 1);
  }
  writeFileSync(out, text);
  console.log(`${ref.commands.length} commands, ${ref.commands.reduce((n, c) => n + c.flags.length, 0)} flags, client ${ref.client}`);
}
