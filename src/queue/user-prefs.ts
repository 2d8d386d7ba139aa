import type { Redis } from 'ioredis';
import type { Lang } from '../core/flag-spec.js';
import type { PrefsApi } from '../core/queue-ports.js';

/** Users' own settings in one Redis hash per setting, keyed by owner id. */
export class UserPrefs implements PrefsApi {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async lang(owner: string): Promise<Lang | undefined> {
    const value = await this.redis.hget(`${this.prefix}:prefs:lang`, owner);
    return value === 'ko' || value === 'en' ? value : undefined;
  }

  async setLang(owner: string, lang: Lang): Promise<void> {
    await this.redis.hset(`${this.prefix}:prefs:lang`, owner, lang);
  }
}
