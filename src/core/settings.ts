import { z } from 'zod';
import { parseBytes, parseDuration } from './units.js';
import type { Policy } from './policy-schema.js';
import { TERMINAL_OPS_ROUTE, type ReplyTarget } from './request.js';
import { parseSandboxHosts } from './sandbox-hosts.js';

/**
 * Every setting Stevedore reads, with its default and meaning. This table is the only reader of the environment;
 * the README's settings table is printed from it (`npm run settings`).
 */
export interface Setting<T> {
  env: string;
  default?: string;
  description: string;
  schema: z.ZodType<T>;
}

const text = z.string().min(1);
const optionalText = z.string().min(1).optional();
const count = (min = 1) => z.coerce.number().int().min(min);
const bytes = text.transform((v, ctx) => tryParse(() => parseBytes(v), ctx));
const duration = text.transform((v, ctx) => tryParse(() => parseDuration(v), ctx));
/** A comma-separated list of platform ids (guilds, workspaces). */
const ids = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[\w-]+$/, 'ids are letters, digits, - and _')));
const cpus = z.coerce.number().positive().max(64);

function tryParse<T>(fn: () => T, ctx: z.RefinementCtx): T {
  try {
    return fn();
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
}

function setting<T>(env: string, schema: z.ZodType<T>, defaultValue: string | undefined, description: string): Setting<T> {
  return { env, schema, default: defaultValue, description };
}

export const SETTINGS = {
  roles: setting(
    'STEVEDORE_ROLES',
    text.transform((v) => v.split(',').map((r) => r.trim())).pipe(z.array(z.enum(['all', 'bot', 'worker', 'scheduler']))),
    'all',
    'Which roles this process runs: bot, worker, scheduler, or all (comma-separated).',
  ),
  deployment: setting(
    'STEVEDORE_DEPLOYMENT',
    text.regex(/^[a-z0-9][a-z0-9-]{0,30}$/),
    'stevedore',
    'Name of this deployment; written on every container and used in container names.',
  ),
  logLevel: setting(
    'LOG_LEVEL',
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    'info',
    'Log level (logs go to stderr as JSON).',
  ),
  redisUrl: setting(
    'REDIS_URL',
    text,
    'redis://127.0.0.1:6379',
    'Redis holding the queues; started locally by `npm start` when it is the default and not running.',
  ),
  queuePrefix: setting(
    'QUEUE_PREFIX',
    text,
    '{stevedore}',
    'Prefix of every queue key (hash-tagged so Redis Cluster keeps a queue on one slot).',
  ),
  dockerHost: setting(
    'DOCKER_HOST',
    text,
    'unix:///var/run/docker.sock',
    'The sandbox Docker engine, read as the Docker CLI reads it (unix://, tcp://, ssh://).',
  ),
  dockerTlsVerify: setting('DOCKER_TLS_VERIFY', z.enum(['', '0', '1']), '', 'With tcp://: verify the engine with TLS (1).'),
  dockerCertPath: setting('DOCKER_CERT_PATH', optionalText, undefined, 'With tcp:// and TLS: folder holding ca.pem, cert.pem and key.pem.'),
  sshAuthSock: setting('SSH_AUTH_SOCK', optionalText, undefined, 'With ssh://: the SSH agent that holds the key for the engine host.'),
  sandboxHosts: setting(
    'SANDBOX_HOSTS',
    z.string().transform((v, ctx) => tryParse(() => parseSandboxHosts(v, 4), ctx)),
    '',
    'A fleet of sandbox engines instead of DOCKER_HOST alone: `NAME=URL?slots=N&labels=a,b` entries separated by spaces or `;` (slots: containers at once, 4 when unset; label `gvisor`: that host runs its containers with runsc); tcp:// takes `ca=`, `cert=`, `key=` file paths, or `insecure=1` (warned at start); ssh:// takes `known_hosts=` (a file path; without it, warned at start). See docs/fleet.md.',
  ),
  workerHosts: setting(
    'WORKER_HOSTS',
    ids,
    '',
    "With SANDBOX_HOSTS: the hosts this process's worker serves (names, comma-separated). Unset: every host.",
  ),
  hostFailures: setting(
    'HOST_FAILURES',
    count(),
    '3',
    'With SANDBOX_HOSTS: calls a host fails in a row before it is taken out for a cool-down.',
  ),
  hostCooldown: setting(
    'HOST_COOLDOWN',
    duration,
    '30s',
    'With SANDBOX_HOSTS: how long a failing host is left out before it is tried again (its shared work goes to the others).',
  ),
  hostLease: setting(
    'HOST_LEASE',
    duration,
    '10s',
    'With SANDBOX_HOSTS: one process serves a host at a time, holding a lease renewed every third of this; another stands by and takes the host over once the lease lapses (at most this long after its holder died).',
  ),
  workerNice: setting(
    'WORKER_NICE',
    count(0).max(19),
    '10',
    'A process that runs the worker without the bot lowers its CPU priority by this much (0 to 19), so on a shared machine acknowledgements come first.',
  ),
  workerConcurrency: setting('WORKER_CONCURRENCY', count(), '4', 'Jobs one worker process runs at once.'),
  jobAttempts: setting('JOB_ATTEMPTS', count(), '3', 'Tries for a job that fails for a reason of ours (a user error never retries).'),
  engineWait: setting(
    'ENGINE_WAIT',
    duration,
    '2m',
    'How long a job waits for an unreachable Docker engine (retrying, the message says so) before it fails.',
  ),
  jobLock: setting(
    'JOB_LOCK',
    duration,
    '5s',
    "A worker's hold on a running job; a killed worker's job is taken up again after about twice this.",
  ),
  shutdownGrace: setting(
    'SHUTDOWN_GRACE',
    duration,
    '25s',
    'On SIGTERM, running jobs get this long to finish; the rest are taken up again by other workers.',
  ),
  runTimeout: setting('RUN_TIMEOUT', duration, '30s', 'A foreground container is killed after this long.'),
  stopGraceMax: setting(
    'STOP_GRACE_MAX',
    duration,
    '10s',
    'The longest grace stop and restart give a container before killing it (-t above it is refused; the default grace is the smaller of 10 s and this).',
  ),
  detachedTtl: setting('DETACHED_TTL', duration, '1h', 'A detached container is killed and removed after this long.'),
  pullTimeout: setting('PULL_TIMEOUT', duration, '2m', 'A pull that takes longer is abandoned.'),
  outputLimit: setting(
    'OUTPUT_LIMIT',
    // Bounded: the worker turns the captured output into text in one piece, and 48 MB held its event loop for
    // about 2 s, long enough for a short job lock to be taken for a stall (measured by the busy-worker fault).
    bytes.pipe(z.number().max(8 * 1024 * 1024, 'at most 8m')),
    '64k',
    'Output captured from one container (at most 8m); past it the output is cut and the container stopped.',
  ),
  streamInterval: setting(
    'STREAM_INTERVAL',
    duration,
    '1s',
    'While a foreground run or exec goes, its latest output is handed to the chat at most this often (each platform then edits only as fast as it allows; 0: no streaming).',
  ),
  followMax: setting('FOLLOW_MAX', duration, '10m', 'A `logs -f` follow ends by itself after this long.'),
  followSlots: setting(
    'FOLLOW_SLOTS',
    count(),
    '20',
    "Follows (`logs -f`) under way at once in the whole deployment, one per user; counted apart from the workers' container slots.",
  ),
  memory: setting('SANDBOX_MEMORY', bytes, '256m', 'Memory of a container (swap is set equal: no swap).'),
  memoryMax: setting('SANDBOX_MEMORY_MAX', bytes, '512m', 'The most memory a user may ask for with --memory.'),
  cpus: setting('SANDBOX_CPUS', cpus, '0.5', 'CPUs of a container.'),
  cpusMax: setting('SANDBOX_CPUS_MAX', cpus, '1', 'The most CPUs a user may ask for with --cpus.'),
  pidsLimit: setting(
    'SANDBOX_PIDS_LIMIT',
    count(8),
    '64',
    "Processes a container may have at once (stops fork bombs); with runsc, 1024 (gVisor's own threads count).",
  ),
  tmpfsSize: setting('SANDBOX_TMPFS_SIZE', bytes, '16m', 'Size of the noexec tmpfs on /tmp (counts against memory).'),
  volumeSize: setting(
    'VOLUME_SIZE',
    bytes,
    '64m',
    'Size of each named volume: a fixed-size filesystem image on the engine\'s host (in VOLUME_DIR), mounted noexec,nosuid,nodev; writing past it fails with "No space left on device". 0: unbounded local-driver volumes, warned at start and on /healthz. See docs/security.md.',
  ),
  volumeBudget: setting(
    'VOLUME_BUDGET',
    bytes,
    '256m',
    "Total size of one user's volumes; a volume past it is refused, saying which of theirs to remove.",
  ),
  volumeDir: setting(
    'VOLUME_DIR',
    text.regex(/^\/[\w./-]*$/, 'an absolute path of letters, digits, _ . - and /'),
    '/var/lib/stevedore/volumes',
    "Directory on the sandbox engine's host (each host, with SANDBOX_HOSTS) holding the volumes' images; created by the engine when missing. It must not be mounted nodev.",
  ),
  user: setting('SANDBOX_USER', text.regex(/^[1-9]\d*(:[1-9]\d*)?$/), '1000:1000', 'The non-root uid:gid every container runs as.'),
  runtime: setting(
    'SANDBOX_RUNTIME',
    optionalText,
    undefined,
    'OCI runtime for sandbox containers, e.g. runsc (gVisor) for a stronger wall; the engine must know it.',
  ),
  logMaxSize: setting('SANDBOX_LOG_MAX_SIZE', bytes, '1m', 'Engine log file size kept per container (json-file, one file).'),
  uploadLimit: setting(
    'UPLOAD_LIMIT',
    bytes,
    '8m',
    'Largest file taken in by cp (from an attachment or a terminal path) and sent out as an attachment (Discord takes 10 MiB).',
  ),
  inputMaxChars: setting('INPUT_MAX_CHARS', count(), '2000', 'Longest command text accepted.'),
  inputMaxArgs: setting('INPUT_MAX_ARGS', count(), '64', 'Most words in one command.'),
  discordToken: setting('DISCORD_TOKEN', optionalText, undefined, 'Discord bot token; with it the bot runs the Discord adapter.'),
  discordApplicationId: setting(
    'DISCORD_APPLICATION_ID',
    optionalText,
    undefined,
    'Discord application id (for registering /docker and editing replies).',
  ),
  discordGuildId: setting(
    'DISCORD_GUILD_ID',
    optionalText,
    undefined,
    'Register /docker in this guild only (instant) instead of globally.',
  ),
  allowedDiscordGuilds: setting(
    'ALLOWED_DISCORD_GUILDS',
    ids,
    '',
    'Without a policy file (or one without places): the Discord guilds the bot serves, comma-separated, besides DISCORD_GUILD_ID. With neither, every guild the bot is in (keep "Public Bot" off).',
  ),
  allowedSlackTeams: setting(
    'ALLOWED_SLACK_TEAMS',
    ids,
    '',
    'Without a policy file (or one without places): the Slack workspaces (team ids) the bot serves, comma-separated. Unset: the workspace the bot token belongs to.',
  ),
  discordApiUrl: setting('DISCORD_API_URL', text, 'https://discord.com/api', "Discord's REST base (tests point it at a local stand-in)."),
  discordRegister: setting(
    'DISCORD_REGISTER',
    z.enum(['true', 'false']).transform((v) => v === 'true'),
    'false',
    'Register /docker with Discord when the bot starts (else: npm run discord:register).',
  ),
  discordMemberPermissions: setting(
    'DISCORD_MEMBER_PERMISSIONS',
    z.string().regex(/^\d+$/, 'a permission bit set in decimal, e.g. 8 (Administrator) or 32 (Manage Server)').optional(),
    undefined,
    "Registers /docker with this default_member_permissions (decimal bit set, e.g. 32: Manage Server); members without it do not see the command (a server's admins can change that per role). Unset: everyone.",
  ),
  discordTokenTtl: setting(
    'DISCORD_TOKEN_TTL',
    duration,
    '14m30s',
    'How long an interaction token is used to edit the reply; later replies are posted as new messages (Discord allows 15 min).',
  ),
  slackBotToken: setting('SLACK_BOT_TOKEN', optionalText, undefined, 'Slack bot token (xoxb-); with it the bot runs the Slack adapter.'),
  slackSigningSecret: setting(
    'SLACK_SIGNING_SECRET',
    optionalText,
    undefined,
    'Slack signing secret: HTTP mode, requests verified on /slack/events.',
  ),
  slackAppToken: setting('SLACK_APP_TOKEN', optionalText, undefined, 'Slack app-level token (xapp-): Socket Mode instead of HTTP.'),
  slackPort: setting('SLACK_PORT', count(0), '3000', 'HTTP mode: port of /slack/events (0: any free port).'),
  slackHost: setting('SLACK_HOST', text, '0.0.0.0', 'HTTP mode: address to listen on.'),
  slackApiUrl: setting('SLACK_API_URL', text, 'https://slack.com/api/', "Slack's Web API base (tests point it at a local stand-in)."),
  slackMaxSkew: setting(
    'SLACK_MAX_SKEW',
    duration,
    '5m',
    'Requests whose timestamp is further off than this, in either direction, are refused.',
  ),
  opsChannel: setting(
    'OPS_CHANNEL',
    z
      .string()
      .regex(/^(terminal|(discord|slack):[\w-]+)$/, 'use terminal, discord:<channel id> or slack:<channel id>')
      .transform(opsTarget)
      .optional(),
    undefined,
    "Where cleanup reports, health changes and the week's lab summary go: discord:<id>, slack:<id> or terminal. Unset: logs only.",
  ),
  cleanupCron: setting('CLEANUP_CRON', text, '*/15 * * * *', 'When the scheduled cleanup runs (cron, UTC).'),
  labsSummaryCron: setting(
    'LABS_SUMMARY_CRON',
    text,
    '0 9 * * 1',
    "When the ops channel gets the week's lab summary (cron, UTC): who finished which lab in the last 7 days, and the team's table.",
  ),
  cleanupExitedAge: setting(
    'CLEANUP_EXITED_AGE',
    duration,
    '1h',
    "Stevedore's stopped containers older than this (since creation) are removed by the cleanup.",
  ),
  cleanupVolumeAge: setting(
    'CLEANUP_VOLUME_AGE',
    duration,
    '168h',
    "Stevedore's volumes that no container uses, created longer ago than this, are removed by the cleanup.",
  ),
  cleanupDanglingImages: setting(
    'CLEANUP_DANGLING_IMAGES',
    z.enum(['true', 'false']).transform((v) => v === 'true'),
    'true',
    'The cleanup also removes dangling images (no tag, used by no container).',
  ),
  cleanupReportEmpty: setting(
    'CLEANUP_REPORT_EMPTY',
    z.enum(['true', 'false']).transform((v) => v === 'true'),
    'false',
    'Report a cleanup that removed nothing too.',
  ),
  healthPort: setting('HEALTH_PORT', count(0), '9464', 'Port of /healthz and /metrics (Prometheus); 0: any free port.'),
  healthHost: setting('HEALTH_HOST', text, '127.0.0.1', 'Address of /healthz and /metrics.'),
  healthInterval: setting(
    'HEALTH_INTERVAL',
    duration,
    '15s',
    'How often the scheduler checks Redis and the engine, to tell the ops channel when one goes or comes back.',
  ),
  policyFile: setting(
    'POLICY_FILE',
    optionalText,
    undefined,
    'YAML policy: channel bindings, admins, image allowlist, quotas (see policy.example.yaml). Without it: the terminal may do all, chat channels only read.',
  ),
  auditFile: setting(
    'AUDIT_FILE',
    optionalText,
    undefined,
    "Also append the audit trail as JSON lines to this file (one per process: <file>.<pid>), rotated at AUDIT_FILE_MAX, five kept; it survives the queue's Redis being flushed.",
  ),
  auditFileMax: setting('AUDIT_FILE_MAX', bytes, '10m', 'Size at which an audit file is rotated.'),
  auditKept: setting('AUDIT_KEPT', count(), '10000', 'Audit entries kept in the Redis stream.'),
  deliveryYield: setting(
    'DELIVERY_YIELD',
    duration,
    '1s',
    'While the bot is acknowledging a burst of commands (the platforms allow 3 s), replies wait for it at most this long, then go freely as long (0: never wait).',
  ),
  defaultLang: setting(
    'DEFAULT_LANG',
    z.enum(['en', 'ko']),
    'en',
    'Language of replies for users whose platform sends no locale (Slack, the terminal) and who chose none with /docker lang.',
  ),
  jobsKept: setting('JOBS_KEPT', count(), '1000', 'Finished jobs kept in Redis for /docker jobs and explain job.'),
  discordTokenFile: setting(
    'DISCORD_TOKEN_FILE',
    optionalText,
    undefined,
    'A file holding DISCORD_TOKEN (a compose secret), instead of the variable.',
  ),
  slackBotTokenFile: setting('SLACK_BOT_TOKEN_FILE', optionalText, undefined, 'A file holding SLACK_BOT_TOKEN, instead of the variable.'),
  slackSigningSecretFile: setting(
    'SLACK_SIGNING_SECRET_FILE',
    optionalText,
    undefined,
    'A file holding SLACK_SIGNING_SECRET, instead of the variable.',
  ),
  slackAppTokenFile: setting('SLACK_APP_TOKEN_FILE', optionalText, undefined, 'A file holding SLACK_APP_TOKEN, instead of the variable.'),
  redisUrlFile: setting(
    'REDIS_URL_FILE',
    optionalText,
    undefined,
    'A file holding REDIS_URL (with its password), instead of the variable.',
  ),
  redisSentinels: setting(
    'REDIS_SENTINELS',
    z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().regex(/^[\w.-]+:\d+$/, 'sentinels are host:port'))),
    '',
    'Redis Sentinels (host:port, comma-separated): connect to the primary they name for REDIS_SENTINEL_MASTER, following failovers. REDIS_URL then gives only the password and database.',
  ),
  redisSentinelMaster: setting(
    'REDIS_SENTINEL_MASTER',
    text,
    'mymaster',
    'With REDIS_SENTINELS: the name the sentinels know the primary by.',
  ),
  redisWaitReplicas: setting(
    'REDIS_WAIT_REPLICAS',
    z.union([z.literal('auto'), count(0)]),
    'auto',
    'Replicas that must hold a job before the user hears "queued" (Redis WAIT). auto: 1 with REDIS_SENTINELS, else 0.',
  ),
  redisWaitTimeout: setting(
    'REDIS_WAIT_TIMEOUT',
    duration,
    '500ms',
    'How long an acknowledgement waits for REDIS_WAIT_REPLICAS; past it the job is queued on the primary alone (counted in /metrics).',
  ),
  drainCheck: setting('DRAIN_CHECK', duration, '1s', 'How often a worker looks at the drain flag (/docker drain, SIGUSR2).'),
} as const;

type Table = typeof SETTINGS;
/** The validated settings, with the policy (config.ts reads both). */
export type Config = { [K in keyof Table]: Table[K] extends Setting<infer T> ? T : never } & { policy: Policy };

/** The README's settings table. */
export function settingsTable(): string {
  const rows = Object.values(SETTINGS).map(
    (s) => `| \`${s.env}\` | ${s.default === undefined || s.default === '' ? '(unset)' : `\`${s.default}\``} | ${s.description} |`,
  );
  return ['| Setting | Default | Meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

/** OPS_CHANNEL (`discord:<id>`, `slack:<id>`, `terminal`) as a reply target. */
function opsTarget(setting: string): ReplyTarget {
  if (setting === 'terminal') return { route: TERMINAL_OPS_ROUTE, channelId: 'terminal' };
  const [route, channelId] = setting.split(':') as [string, string];
  return { route, channelId };
}

/** Commands and policy see the validated settings; only src/config.ts reads them. */
export type Settings = Config;
