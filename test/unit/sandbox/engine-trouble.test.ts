import { describe, expect, it } from 'vitest';
import { EngineUnavailable, EngineUntrusted, HostTrouble, UserError } from '../../../src/errors.js';
import { msg, say } from '../../../src/core/messages/index.js';
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

  it('an engine that does not prove who it is, or refuses us, is not an answer: it counts as away, with the reason', () => {
    const tcp = { engine: 'a (tcp://10.0.0.2:2376)', url: 'tcp://10.0.0.2:2376' };
    const ssh = { engine: 'b (ssh://me@10.0.0.3:2222)', url: 'ssh://me@10.0.0.3:2222', knownHosts: '/etc/stevedore/known_hosts' };
    const cases = [
      [Object.assign(new Error('unable to verify the first certificate'), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }), tcp],
      [Object.assign(new Error('Hostname/IP does not match'), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }), tcp],
      [Object.assign(new Error('sslv3 alert bad certificate'), { code: 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE' }), tcp],
      [Object.assign(new Error('Host denied (verification failed)'), { level: 'handshake' }), ssh],
      [Object.assign(new Error('All configured authentication methods failed'), { level: 'client-authentication' }), ssh],
    ] as const;
    const said = cases.map(([error, where]) => {
      const trouble = asEngineTrouble(error, where);
      expect(trouble).toBeInstanceOf(EngineUntrusted);
      expect(trouble).toBeInstanceOf(EngineUnavailable);
      return say((trouble as EngineUntrusted).said, 'en');
    });
    expect(said).toEqual([
      'Sandbox engine a (tcp://10.0.0.2:2376) is not trusted: its TLS certificate does not verify with the CA Stevedore was given (UNABLE_TO_VERIFY_LEAF_SIGNATURE).',
      'Sandbox engine a (tcp://10.0.0.2:2376) is not trusted: its TLS certificate does not verify with the CA Stevedore was given (ERR_TLS_CERT_ALTNAME_INVALID).',
      "Sandbox engine a (tcp://10.0.0.2:2376) ended the TLS handshake (ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE): it does not accept Stevedore's certificate (cert= and key=).",
      'Sandbox engine b (ssh://me@10.0.0.3:2222) is not trusted: its ssh host key is not one /etc/stevedore/known_hosts lists for [10.0.0.3]:2222.',
      'Sandbox engine b (ssh://me@10.0.0.3:2222) refused the ssh login: it accepts none of the keys SSH_AUTH_SOCK offers.',
    ]);
  });
});
