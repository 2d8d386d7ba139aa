import type { FlagRule, FlagSpec, Lang, Text } from './flag-spec.js';
import type { ParsedFlags, Segment } from './parse-flags.js';
import type { Progress, Reply } from './reply.js';
import type { ReplyTarget, Requester } from './request.js';
import type { AuditApi, FollowsApi, GateApi, JobsApi, LabProgressApi, LocksApi, PrefsApi } from './queue-ports.js';
import type { ExpiryApi } from './job.js';
import type { SandboxApi } from './sandbox-api.js';
import type { Settings } from './settings.js';

export interface PositionalSpec {
  name: string;
  required?: boolean;
  /** Takes every remaining argument. */
  variadic?: boolean;
  en: string;
  ko: string;
}

/** What a command's build step may consult: who asks, the limits in force, the other commands. */
export interface BuildEnv {
  who: Requester;
  settings: Settings;
  registry: CommandRegistry;
}

/** What a command's execute step is given by the worker (or the bot, for commands that answer at once). */
export interface ExecContext<Args> {
  args: Args;
  argv: readonly string[];
  who: Requester;
  jobId: string;
  /** Where this command's replies go; for notices that come later (a container expired). */
  replyTo: ReplyTarget;
  lang: Lang;
  settings: Settings;
  registry: CommandRegistry;
  sandbox: SandboxApi;
  jobs: JobsApi;
  audit: AuditApi;
  expiry: ExpiryApi;
  locks: LocksApi;
  prefs: PrefsApi;
  /** Learners' progress through `/docker learn`'s labs. */
  labs: LabProgressApi;
  /** Admission, for commands that queue another job (retry): the same limits as at the door. */
  gate: GateApi;
  /** `logs -f` follows under way (on workers). */
  follows?: FollowsApi;
  /** Reports a stage; the language is filled in by the pipeline. */
  progress(update: Omit<Progress, 'lang'>): Promise<void>;
  /** Aborted, with the canceller's name as its reason, when someone cancels the running job. */
  signal?: AbortSignal;
  /** The file sent with the command (cp into a container), read from where the bot left it. */
  upload?: { name: string; read(): Promise<Buffer> };
}

/**
 * One /docker subcommand. The same definition drives parsing, help, explain, Discord registration and the
 * Slack manifest; `build` turns parsed flags into typed arguments (throwing UserError), `execute` does the work.
 */
export interface CommandDefinition<Args = unknown> {
  name: string;
  /** Other spellings that mean this command, e.g. `image pull`, `container run`. */
  aliases: readonly string[];
  summary: Text;
  usage: string;
  flags: readonly FlagSpec[];
  /**
   * What Stevedore does with each flag, and why: the one place flag verdicts are declared, for every command.
   * A flag not listed gets `otherFlags` (run: refused, deny by default; the rest: used).
   */
  flagRules?: Readonly<Record<string, FlagRule>>;
  otherFlags?: FlagRule;
  positionals: readonly PositionalSpec[];
  /** Flags offered as typed options on chat platforms (the rest go in one free-text `flags` option). */
  chatOptions?: readonly string[];
  /** false: flags end at the first plain argument (run: the image, then the container's command). */
  interspersed: boolean;
  /** read: looks only; write: changes something on the sandbox host; admin: for the deployment's admins. */
  access: 'read' | 'write' | 'admin';
  /** bot: answered at once, nothing queued (help, explain); worker: queued and run against a sandbox host. */
  runsOn: 'bot' | 'worker';
  build(parsed: ParsedFlags, env: BuildEnv): Args;
  /** The name of the local or attached file this invocation takes in, if any (cp into a container). */
  uploadFrom?(args: Args): string | undefined;
  /**
   * The existing containers and volumes (names or IDs as typed) this invocation works on: with SANDBOX_HOSTS it is
   * queued for the host that holds them. Without it, the command is new work any host may take.
   */
  targets?(args: Args, env: BuildEnv): Targets;
  execute(ctx: ExecContext<Args>): Promise<Reply>;
}

/** What a command works on, as typed: see CommandDefinition.targets. */
export interface Targets {
  containers?: readonly string[];
  volumes?: readonly string[];
}

/** A command line understood: which command, its typed arguments, and how the line was cut. */
export interface ParsedCommand<Args = unknown> {
  definition: CommandDefinition<Args>;
  /** The words after the command name. */
  argv: string[];
  /** The spelling used, e.g. `image pull`. */
  spelling: string;
  parsed: ParsedFlags;
  args: Args;
  segments: Segment[];
}

/** The /docker subcommands by every spelling: `pull`, `image pull`, `container run`, ... */
export interface CommandRegistry {
  all: readonly CommandDefinition<any>[];
  /** Finds the command a line starts with; `words` is how many words its spelling took. */
  lookup(args: readonly string[]): { definition: CommandDefinition<any>; spelling: string; words: number } | undefined;
  /** By name or any spelling. */
  get(name: string): CommandDefinition<any> | undefined;
}

/** Identity helper that keeps each command file's argument type. */
export function defineCommand<Args>(definition: CommandDefinition<Args>): CommandDefinition<Args> {
  return definition;
}

/** The context a parsed command executes in: its arguments, and the language of the one who asked. */
export function execContext<Args>(
  command: ParsedCommand<Args>,
  rest: Omit<ExecContext<Args>, 'args' | 'argv' | 'lang'>,
): ExecContext<Args> {
  return { args: command.args, argv: command.argv, lang: rest.who.locale ?? 'en', ...rest };
}

const USED: FlagRule = { verdict: 'used', why: { en: '', ko: '' } };

/** What Stevedore does with one flag of a command (by its long name). */
export function flagRuleOf(definition: Pick<CommandDefinition<any>, 'flagRules' | 'otherFlags'>, long: string): FlagRule {
  return definition.flagRules?.[long] ?? definition.otherFlags ?? USED;
}
