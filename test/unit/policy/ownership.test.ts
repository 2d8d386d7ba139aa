import { describe, expect, it } from 'vitest';
import { isUserError, type UserError } from '../../../src/errors.js';
import type { Requester } from '../../../src/core/request.js';
import type { ContainerInfo } from '../../../src/core/sandbox-api.js';
import { resolveContainer, visibleContainers } from '../../../src/policy/ownership.js';

const alice: Requester = { platform: 'discord', userId: 'a1', userName: 'alice', channelId: 'ops' };
const bob: Requester = { platform: 'discord', userId: 'b2', userName: 'bob', channelId: 'ops' };
const admin: Requester = { platform: 'discord', userId: 'z9', userName: 'root', channelId: 'ops', admin: true };

const container = (id: string, name: string, owner: Requester): ContainerInfo => ({
  id,
  name,
  image: 'busybox:latest',
  command: 'sleep 60',
  createdMs: 0,
  state: 'running',
  status: 'Up 1 minute',
  owner: `${owner.platform}:${owner.userId}`,
  ownerName: owner.userName,
  detached: true,
});

const all = [
  container('aaa111000000', 'web', alice),
  container('bbb222000000', 'web', bob),
  container('abc333000000', 'db', bob),
  container('abd444000000', 'cache', bob),
];

function refusal(run: () => unknown): UserError {
  try {
    run();
  } catch (error) {
    if (isUserError(error)) return error as UserError;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('resolveContainer', () => {
  it('finds a name among the asker’s own containers only: two users may both have "web"', () => {
    expect(resolveContainer('web', all, alice).id).toBe('aaa111000000');
    expect(resolveContainer('web', all, bob).id).toBe('bbb222000000');
  });

  it('finds one of your own by an ID prefix of three characters or more', () => {
    expect(resolveContainer('aaa1', all, alice).name).toBe('web');
    expect(refusal(() => resolveContainer('aa', all, alice)).code).toBe('not-found');
  });

  it('answers an ID of someone else’s container exactly as one that does not exist, in both languages', () => {
    const e = refusal(() => resolveContainer('bbb2', all, alice));
    const none = refusal(() => resolveContainer('fff9', all, alice));
    expect(e.code).toBe('not-found');
    expect(e.text('en')).toBe('No container of yours is named or has the ID "bbb2".');
    expect(e.text('en').replace('bbb2', 'fff9')).toBe(none.text('en'));
    expect(e.text('ko').replace('bbb2', 'fff9')).toBe(none.text('ko'));
    expect(e.hint('en')).toBe(none.hint('en'));
    expect(e.text('en')).not.toMatch(/bob|belongs/);
  });

  it('does not count someone else’s containers when an ID prefix is ambiguous', () => {
    expect(resolveContainer('abc', [...all, container('abc999000000', 'y', alice)], bob).name).toBe('db');
  });

  it('shows a non-admin only their own containers, an admin every one', () => {
    expect(visibleContainers(all, alice).map((c) => c.name)).toEqual(['web']);
    expect(visibleContainers(all, admin)).toHaveLength(4);
  });

  it('lets an admin act on anyone’s container by its ID', () => {
    expect(resolveContainer('bbb2', all, admin).name).toBe('web');
  });

  it('asks for more of an ID that matches several containers', () => {
    const e = refusal(() => resolveContainer('ab', [...all, container('ab0000000000', 'x', bob)], bob));
    expect(e.code).toBe('not-found'); // two characters are never an ID
    const several = refusal(() => resolveContainer('abc', [...all, container('abc999000000', 'y', bob)], bob));
    expect(several.code).toBe('conflict');
    expect(several.text('en')).toMatch(/matches 2 containers/);
    expect(several.hint('ko')).toBe('ID를 더 길게 적으세요.');
  });

  it('says it found nothing of yours, and how to list yours', () => {
    const e = refusal(() => resolveContainer('nothing', all, alice));
    expect(e.code).toBe('not-found');
    expect(e.text('en')).toBe('No container of yours is named or has the ID "nothing".');
    expect(e.hint('ko')).toContain('/docker ps -a');
  });
});
