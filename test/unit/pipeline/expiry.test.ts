import { describe, expect, it } from 'vitest';
import type { Delivery, ExpiryJob } from '../../../src/core/job.js';
import type { ContainerInfo, SandboxApi } from '../../../src/core/sandbox-api.js';
import { expireContainer } from '../../../src/pipeline/execute-job.js';

const job: ExpiryJob = {
  containerId: 'c1',
  name: 'web',
  who: { platform: 'terminal', userId: 'alice', channelId: 'terminal' },
  replyTo: { route: 'terminal', channelId: 'terminal' },
};

/** A fleet's view as an expiry sees it: what its list found, and which hosts it did not hear from. */
function view(found: Partial<ContainerInfo>[], leftOut: string[]) {
  const removed: string[] = [];
  const sandbox = {
    leftOut: new Map(leftOut.map((h) => [h, { host: h, why: 'out' }])),
    listContainers: async () => found as ContainerInfo[],
    removeContainer: async (id: string) => void removed.push(id),
  } as unknown as SandboxApi;
  return { sandbox, removed };
}

describe('a detached container whose time is up', () => {
  it('is tried again later when it is not found while a host was not asked (it may be there)', async () => {
    const sent: Delivery[] = [];
    const { sandbox } = view([], ['a']);
    await expect(expireContainer(job, { sandbox, deliveries: { deliver: async (d) => void sent.push(d) } })).rejects.toThrow(/not asked/);
    expect(sent).toEqual([]);
  });

  it('is left alone, with nothing said, when every host was asked and none has it', async () => {
    const sent: Delivery[] = [];
    const { sandbox, removed } = view([], []);
    await expireContainer(job, { sandbox, deliveries: { deliver: async (d) => void sent.push(d) } });
    expect([removed, sent]).toEqual([[], []]);
  });

  it('is removed, and its owner told, when it is found', async () => {
    const sent: Delivery[] = [];
    const { sandbox, removed } = view([{ id: 'c1' }], ['a']);
    await expireContainer(job, { sandbox, deliveries: { deliver: async (d) => void sent.push(d) } });
    expect(removed).toEqual(['c1']);
    expect(sent.map((d) => d.kind)).toEqual(['notice']);
  });
});
