import { describe, expect, it } from 'vitest';
import { isUserError, type UserError } from '../../../src/errors.js';
import type { Requester } from '../../../src/core/request.js';
import type { ContainerInfo } from '../../../src/core/sandbox-api.js';
import { resolveContainer } from '../../../src/policy/ownership.js';

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

  it('refuses an ID that points at someone else’s container, naming its owner, in both languages', () => {
    const e = refusal(() => resolveContainer('bbb2', all, alice));
    expect(e.code).toBe('forbidden');
    expect(e.text('en')).toBe('Container bbb222000000 belongs to bob; you can act only on your own containers.');
    expect(e.text('ko')).toBe('컨테이너 bbb222000000의 소유자는 bob입니다. 내 컨테이너에만 명령할 수 있습니다.');
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
