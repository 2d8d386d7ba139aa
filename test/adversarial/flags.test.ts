import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFlags } from '../../commands/flags/run.js';
import { RUN_FLAG_RULES } from '../../src/policy/run-flags.js';
import { engineEvents, startTestStack, type TestStack } from '../helpers/test-stack.js';

/** A value of the right type for a flag, so that only the policy can refuse it. */
const sample = (type: string) => ({ bool: 'true', int: '1', decimal: '1', bytes: '1m', duration: '1s' })[type] ?? 'x';

/** Every flag the policy refuses, and every flag Docker knows that Stevedore does not offer. */
const refused = runFlags.filter((f) => (RUN_FLAG_RULES[f.long]?.verdict ?? 'refused') === 'refused');

function spellings(flag: (typeof runFlags)[number]): string[] {
  const v = sample(flag.type);
  const forms = flag.type === 'bool' ? [`--${flag.long}`, `--${flag.long}=true`] : [`--${flag.long}=${v}`, `--${flag.long} ${v}`];
  if (flag.short) {
    forms.push(flag.type === 'bool' ? `-${flag.short}` : `-${flag.short} ${v}`);
    forms.push(flag.type === 'bool' ? `-d${flag.short}` : `-d${flag.short}${v}`); // inside a cluster
  }
  return forms;
}

let t: TestStack;
beforeAll(async () => {
  t = await startTestStack();
});
afterAll(() => t?.close());

describe('flag smuggling', () => {
  it(`refuses each of the ${refused.length} refused flags in every spelling, naming it, with no Docker call and nothing queued`, async () => {
    const outcomes: string[] = [];
    const events = await engineEvents(t.docker, t.config.deployment, async () => {
      for (const flag of refused) {
        for (const form of spellings(flag)) {
          const reply = await t.alice.submit(`run ${form} busybox true`);
          if (reply.status !== 'refused' || !reply.title.includes(`--${flag.long}`))
            outcomes.push(`${form}: ${reply.status} ${reply.title}`);
        }
      }
    });
    expect(outcomes).toEqual([]);
    expect(events).toEqual([]);
    expect(await t.main.commandQueue.queue.getJobCounts()).toMatchObject({ waiting: 0, active: 0, completed: 0, failed: 0 });
  });

  it('gives flags written after the image to the container as plain words, changing nothing in its settings', async () => {
    const reply = await t.alice.submit('run --name after busybox echo --privileged --cap-add=ALL -v /:/host --network=host');
    expect(reply.code!.text.trim()).toBe('--privileged --cap-add=ALL -v /:/host --network=host');
    const [c] = await t.containers();
    const info = await t.docker.getContainer(c!.Id).inspect();
    expect(info.HostConfig).toMatchObject({ Privileged: false, NetworkMode: 'none', CapDrop: ['ALL'] });
    expect(info.HostConfig.CapAdd ?? []).toEqual([]);
    expect(info.HostConfig.Binds ?? []).toEqual([]);
    expect(info.Mounts.filter((m) => m.Type === 'bind')).toEqual([]);
  });
});
