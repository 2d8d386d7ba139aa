import { UserError } from '../src/errors.js';
import { defineCommand } from '../src/core/command.js';
import type { Lang } from '../src/core/flag-spec.js';
import { msg, say } from '../src/core/messages/index.js';
import { ownerId } from '../src/core/request.js';

/**
 * `/docker lang ko|en`: the language of one's replies, kept in Redis, for platforms that send no locale (Slack, the
 * terminal). Discord's own locale setting wins where it is sent.
 */
export const lang = defineCommand<{ lang?: Lang }>({
  name: 'lang',
  aliases: [],
  summary: { en: 'Choose the language of your replies: ko or en', ko: '답변 언어를 고른다: ko(한국어) 또는 en(영어)' },
  usage: 'lang [ko|en]',
  flags: [],
  positionals: [{ name: 'language', en: 'ko or en; without it, shows the current one', ko: 'ko 또는 en. 없으면 지금 언어를 보여 준다' }],
  interspersed: true,
  access: 'read',
  runsOn: 'bot',
  build(parsed) {
    const value = parsed.positionals[0]?.toLowerCase();
    if (value === undefined) return {};
    if (value !== 'ko' && value !== 'en') throw new UserError('bad-value', msg('lang.bad', { value }), msg('lang.bad.hint'));
    return { lang: value };
  },
  async execute(ctx) {
    if (!ctx.args.lang)
      return { status: 'info', title: say(msg('lang.current', { lang: ctx.lang }), ctx.lang), body: say('lang.bad.hint', ctx.lang) };
    await ctx.prefs.setLang(ownerId(ctx.who), ctx.args.lang);
    return { status: 'ok', title: say('lang.set', ctx.args.lang), ephemeral: true };
  },
});
