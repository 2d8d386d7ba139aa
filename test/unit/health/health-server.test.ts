import { describe, expect, it } from 'vitest';
import { startHealthServer } from '../../../src/health/health-server.js';

describe('the health server', () => {
  it('refuses a port another process holds with an error its caller hears, instead of crashing', async () => {
    const first = await startHealthServer({}, 0, '127.0.0.1');
    try {
      await expect(startHealthServer({}, first.address.port, '127.0.0.1')).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
});
