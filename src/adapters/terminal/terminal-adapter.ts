import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Lang } from '../../core/flag-spec.js';
import type { Delivery } from '../../core/job.js';
import { say } from '../../core/messages/index.js';
import type { OutputTail, Reply } from '../../core/reply.js';
import type { ChatRequest } from '../../core/request.js';
import type { Answer } from '../../pipeline/handle-request.js';
import { renderProgress, renderReply } from './render.js';
import type { AdapterHealth, ChatAdapter } from '../../core/chat-adapter.js';

export interface TerminalOptions {
  handle(request: ChatRequest): Promise<Answer>;
  out: Writable;
  /** Defaults to the operating-system user. */
  userId?: string;
  /** Defaults to "terminal". */
  channelId?: string;
  /** The language of the greeting and of the adapter's own words before a reply says which (the deployment's default). */
  lang?: Lang;
}

/**
 * The terminal as a chat platform: a typed line is a request, and its replies come back through the same queue
 * and deliveries as Discord's or Slack's. Each process is its own delivery route.
 */
export class TerminalAdapter implements ChatAdapter {
  readonly route = `terminal-${randomBytes(6).toString('hex')}`;
  private readonly waiting = new Map<string, (reply: Reply) => void>();
  private readonly early = new Map<string, Reply>();
  /** Output already printed of each running job, as it came: its final reply prints only the rest. */
  private readonly streamed = new Map<string, { upTo: number; text: string; gap: boolean }>();
  private readonly userId: string;

  constructor(private readonly options: TerminalOptions) {
    this.userId = options.userId ?? userInfo().username;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  async healthy(): Promise<AdapterHealth> {
    return { ok: true };
  }

  /** Sends one command; resolves with the bot's immediate answer (a reply, or the news that it was queued). */
  send(text: string): Promise<Answer> {
    const channelId = this.options.channelId ?? 'terminal';
    return this.options.handle({
      platform: 'terminal',
      userId: this.userId,
      userName: this.userId,
      channelId,
      text,
      replyTo: { route: this.route, channelId },
    });
  }

  /** Sends one command and resolves with its final reply, printing progress on the way. */
  async submit(text: string): Promise<Reply> {
    const answer = await this.send(text);
    if (answer.kind === 'reply') {
      this.options.out.write(renderReply(answer.reply, this.options.lang));
      return answer.reply;
    }
    const { jobId } = answer.queued; // "queued" itself comes through the deliveries, like on every platform
    const early = this.early.get(jobId);
    if (early) {
      this.early.delete(jobId);
      return early;
    }
    return new Promise((resolve) => this.waiting.set(jobId, resolve));
  }

  /** The delivery sender for this process's route. */
  readonly deliver = async (delivery: Delivery): Promise<void> => {
    if (delivery.kind === 'progress') {
      const output = delivery.progress.output;
      if (output) return this.printOutput(delivery.jobId, output);
      this.options.out.write(renderProgress(delivery.jobId, delivery.progress));
      return;
    }
    const lang = delivery.replyTo.lang;
    const reply = delivery.kind === 'final' ? this.withoutStreamed(delivery.jobId, delivery.reply) : delivery.reply;
    this.options.out.write(renderReply(reply, lang === 'ko' || lang === 'en' ? lang : this.options.lang));
    if (delivery.kind === 'notice') return;
    const resolve = this.waiting.get(delivery.jobId);
    if (resolve) {
      this.waiting.delete(delivery.jobId);
      resolve(delivery.reply);
    } else this.early.set(delivery.jobId, delivery.reply); // the worker was faster than the enqueue's answer
  };

  /** Prints the whole lines of a running job's output not printed yet. */
  private printOutput(jobId: string, output: OutputTail): void {
    const state = this.streamed.get(jobId) ?? { upTo: 0, text: '', gap: false };
    if (output.replaces) {
      // A refreshed view (a stats table) is printed whole each time; the final reply then prints its own.
      this.options.out.write(`${output.text.replace(/\n$/, '')}\n`);
      this.streamed.set(jobId, { ...state, gap: true });
      return;
    }
    const end = output.from + output.text.lastIndexOf('\n') + 1; // a line still being written waits for its end
    if (end <= state.upTo) return;
    // More came between two updates than one carries: the final reply then prints the whole output again.
    if (output.from > state.upTo) state.gap = true;
    const lines = output.text.slice(Math.max(0, state.upTo - output.from), end - output.from);
    this.options.out.write(lines);
    state.upTo = end;
    if (!state.gap) state.text += lines;
    this.streamed.set(jobId, state);
  }

  /** A final reply without the output already printed as it came. */
  private withoutStreamed(jobId: string, reply: Reply): Reply {
    const printed = this.streamed.get(jobId);
    this.streamed.delete(jobId);
    if (!printed || printed.gap || !reply.code?.text.startsWith(printed.text)) return reply;
    return { ...reply, code: { ...reply.code, text: reply.code.text.slice(printed.text.length) } };
  }

  /** An interactive prompt; resolves when input ends (Ctrl-D) or `exit` is typed. */
  async prompt(input: Readable): Promise<void> {
    const rl = createInterface({
      input,
      output: this.options.out,
      prompt: 'stevedore> ',
      terminal: (input as { isTTY?: boolean }).isTTY ?? false,
    });
    this.options.out.write(`${say('terminal.greeting', this.options.lang ?? 'en')}\n`);
    rl.prompt();
    const pending = new Set<Promise<unknown>>();
    for await (const line of rl) {
      const text = line.trim();
      if (text === 'exit' || text === 'quit') break;
      if (text) {
        const p = this.submit(text).finally(() => {
          pending.delete(p);
          rl.prompt();
        });
        pending.add(p);
      } else rl.prompt();
    }
    await Promise.all(pending);
    rl.close();
  }
}
