import { describe, expect, it } from 'vitest';
import { EngineUnavailable, HostTrouble, UserError } from '../../../src/errors.js';
import { msg } from '../../../src/core/messages/index.js';
import { asEngineTrouble, toUserError } from '../../../src/sandbox/engine-errors.js';

const engineSays = (statusCode: number, message: string) => Object.assign(new Error(message), { statusCode, json: { message } });

describe("the engine's troubles, as the user hears them", () => {
  it('a full disk on create or on pull is a clear refusal that does not show host paths', () => {
    const create = engineSays(500, 'write /var/lib/docker/overlay2/abc-init/link: no space left on device');
    const pull = toUserError(engineSays(404, 'failed to register layer: write /var/lib/docker/tmp/x: no space left on device'), (engine) =>
      msg('sandbox.pullFailed', { ref: 'busybox', engine }),
    );
    for (const error of [create, pull]) {
      const trouble = asEngineTrouble(error);
      expect(trouble).toBeInstanceOf(HostTrouble);
      expect((trouble as UserError).text('ko')).toContain('디스크가 가득');
      expect((trouble as UserError).text('en')).not.toContain('/var/lib/docker');
    }
  });

  it('an engine that does not answer is waited for; any other failure is left as it is', () => {
    expect(asEngineTrouble(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toBeInstanceOf(EngineUnavailable);
    expect(asEngineTrouble(engineSays(500, 'transport is closing: unavailable'))).toBeInstanceOf(EngineUnavailable);
    const other = engineSays(500, 'something else');
    expect(asEngineTrouble(other)).toBe(other);
  });
});
