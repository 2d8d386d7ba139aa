import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { msg } from '../../../src/core/messages/index.js';
import { EngineUnavailable, EngineUntrusted, ForAnotherHost } from '../../../src/errors.js';
import { JOB_PAYLOAD_VERSION, type CommandJob, type Delivery } from '../../../src/core/job.js';
import { processCommandJob, type ProcessDeps } from '../../../src/pipeline/process-job.js';

const HOUR = 3_600_000;

function deps(sent: Delivery[]): ProcessDeps {
  return {
    deliveries: { deliver: async (d) => void sent.push(d) },
    log: pino({ level: 'silent' }),
    engineWaitMs: 120_000,
    execute: async () => Promise.reject(new EngineUnavailable(Object.assign(new Error('gone'), { code: 'ECONNREFUSED' }))),
    cancelledBy: async () => undefined,
    release: async () => {},
  };
}

const job = (extra: Partial<CommandJob> = {}): CommandJob => ({
  v: JOB_PAYLOAD_VERSION,
  text: 'run busybox true',
  who: { platform: 'terminal', userId: 'alice', channelId: 'terminal' },
  replyTo: { route: 'terminal', channelId: 'terminal' },
  ...extra,
});

describe('a job that finds the engine away', () => {
  it('waits ENGINE_WAIT from when the engine went away, not from when it was queued', async () => {
    const sent: Delivery[] = [];
    const queuedAnHourAgo = { id: '1', queuedMs: Date.now() - HOUR, attempt: 1, attempts: 3 };
    const verdict = await processCommandJob({ ...queuedAnHourAgo, data: job() }, deps(sent));
    expect(verdict).toMatchObject({ kind: 'later', data: { engineLostMs: expect.any(Number) } });
    expect(sent.map((d) => d.kind)).toEqual(['progress']);
  });

  it('gives up with a final reply once the engine has been away longer than ENGINE_WAIT', async () => {
    const sent: Delivery[] = [];
    const run = { id: '2', queuedMs: Date.now(), attempt: 1, attempts: 3, data: job({ engineLostMs: Date.now() - HOUR }) };
    const verdict = await processCommandJob(run, deps(sent));
    expect(verdict.kind).toBe('final');
    expect(sent.map((d) => d.kind)).toEqual(['final']);
  });

  it('says, when it gives up on an engine that did not prove who it is, that it could not be verified', async () => {
    const sent: Delivery[] = [];
    const refused = new EngineUntrusted(
      Object.assign(new Error('unable to verify the first certificate'), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }),
      msg('engine.untrusted.tls', { engine: 'tcp://10.0.0.2:2376', code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }),
    );
    const run = { id: '3', queuedMs: Date.now(), attempt: 1, attempts: 3, data: job({ engineLostMs: Date.now() - HOUR }) };
    await processCommandJob(run, { ...deps(sent), execute: async () => Promise.reject(refused) });
    const final = sent.find((d) => d.kind === 'final') as Extract<Delivery, { kind: 'final' }>;
    expect(final.reply.title).toMatch(
      /^The sandbox engine could not be verified for \d+ s \(its TLS certificate or ssh host key was refused\)/,
    );
    expect(final.reply.title).not.toContain('10.0.0.2'); // the engine's address is for the ops, not the user
  });
});

describe('new work taken by a worker whose host has just gone out', () => {
  it('goes back to the queue at once, with nothing said to its owner', async () => {
    const sent: Delivery[] = [];
    const handedBack = { ...deps(sent), execute: () => Promise.reject(new ForAnotherHost('host a is out for a cool-down')) };
    const verdict = await processCommandJob({ id: '3', queuedMs: Date.now(), attempt: 1, attempts: 3, data: job() }, handedBack);
    expect(verdict).toMatchObject({ kind: 'later' });
    expect((verdict as { atMs: number }).atMs - Date.now()).toBeLessThan(1000); // not the engine's 3 s wait
    expect(sent).toEqual([]);
  });
});
