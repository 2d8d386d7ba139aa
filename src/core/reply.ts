import type { Lang } from './flag-spec.js';
import { msg, say, type Message } from './messages/index.js';

/** How a reply looks to the user, whatever the platform. */
export type ReplyStatus = 'ok' | 'failed' | 'refused' | 'error' | 'info';

export interface ReplyField {
  name: string;
  value: string;
}

/** A follow-up the user can press; `command` is the chat text it stands for and goes through the same policy. */
export interface ReplyButton {
  id: 'logs' | 'rm' | 'rerun' | 'explain' | 'hint' | 'skip' | 'next' | 'stop';
  label: string;
  command: string;
}

/** A file sent with a reply (a picture, a whole output); base64 so replies stay JSON in the queue. */
export interface ReplyFile {
  name: string;
  contentType: string;
  base64: string;
  /** What the file shows, for platforms and terminals that cannot show it. */
  description: string;
}

/** What a container run came to, for `explain job` and metrics; adapters do not show it. */
export interface RunOutcome {
  exitCode: number;
  timedOut: boolean;
  oomKilled: boolean;
  truncated: boolean;
  durationMs: number;
}

/** A platform-neutral reply; each adapter renders it within its platform's limits. */
export interface Reply {
  status: ReplyStatus;
  title: string;
  /** Short prose under the title (already safe text; adapters escape it for their markup). */
  body?: string;
  /** Program output or a table, shown as a code block. */
  code?: { text: string; truncated?: boolean; note?: string };
  fields?: ReplyField[];
  buttons?: ReplyButton[];
  files?: ReplyFile[];
  /** For exit status: the container's exit code where one ran. */
  exitCode?: number;
  outcome?: RunOutcome;
  /** Private to the requester where the platform allows it (refusals, errors). */
  ephemeral?: boolean;
}

/** The stages a queued job moves through, shown as edits of one message. */
export type Stage = 'queued' | 'pulling' | 'running' | 'done';

export interface Progress {
  stage: Stage;
  /** The language of the one who asked. */
  lang: Lang;
  /** While queued: 1 = next. */
  position?: number;
  /** e.g. the image being pulled (a name, shown as it is), or why the job waits (a message). */
  detail?: string | Message;
  /** While running: the latest of the output so far. */
  output?: OutputTail;
  /** What the user can press while it runs (Stop a follow). */
  buttons?: ReplyButton[];
}

/** The end of a running container's output: `text` starts at character `from` of the whole output so far. */
export interface OutputTail {
  text: string;
  from: number;
  /** The text is a whole view that replaces the one before (a stats table refreshed), not more output. */
  replaces?: boolean;
}

/** A reply succeeded from the user's point of view (used for exit codes of the one-shot CLI). */
export function replySucceeded(reply: Reply): boolean {
  return (reply.status === 'ok' || reply.status === 'info') && (reply.exitCode ?? 0) === 0;
}

/** A progress update in words: the stage's name and what it adds (the queue position, the image, why it waits). */
export function progressText(progress: Progress): { stage: string; detail?: string } {
  const { lang } = progress;
  const detail =
    progress.position !== undefined
      ? say(msg('queued.position', { position: progress.position }), lang)
      : typeof progress.detail === 'object'
        ? say(progress.detail, lang)
        : progress.detail;
  return { stage: say(`stage.${progress.stage}`, lang), detail };
}

/**
 * A final reply to a command the platform never saw acknowledged (the bot stopped between storing the job and
 * answering the platform): the user saw the platform's own "did not respond", so the reply says the command ran.
 */
export function answeringUnacknowledged(reply: Reply, lang: Lang): Reply {
  const note = say(msg('delivery.unacknowledged'), lang);
  return { ...reply, body: reply.body ? `${note}\n${reply.body}` : note };
}
