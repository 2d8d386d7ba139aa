import { describe, expect, it } from 'vitest';
import { decodeSlashText } from '../../../src/adapters/slack/slash-text.js';
import { encodeSlashText } from '../../stand-ins/slack-stand-in.js';

describe('slash command text, as Slack encodes it', () => {
  it('decodes &amp; &lt; &gt; back into what was typed', () => {
    expect(decodeSlashText('run busybox sh -c "echo a &gt; f &amp;&amp; cat &lt; f"')).toBe('run busybox sh -c "echo a > f && cat < f"');
    expect(decodeSlashText('echo &amp;lt;')).toBe('echo &lt;');
  });

  it('turns mentions, channels, specials and links back into what was typed', () => {
    expect(decodeSlashText('echo <@U123|alice> <@U9>')).toBe('echo @alice @U9');
    expect(decodeSlashText('echo <#C123|ops>')).toBe('echo #ops');
    expect(decodeSlashText('echo <!here> <!subteam^S1|@devs>')).toBe('echo @here @devs');
    expect(decodeSlashText('curl web <http://x.example/a?b=1&amp;c=2|x.example/a?b=1&amp;c=2>')).toBe('curl web x.example/a?b=1&c=2');
    expect(decodeSlashText('curl <http://x.example>')).toBe('curl http://x.example');
  });

  for (const typed of [
    'run busybox sh -c "echo a > f"',
    "run busybox echo '<!channel> & <b>'",
    'run busybox sh -c "cat <<EOF > f && echo ok"',
    'explain -p 8080:80 @alice #ops http://x.example',
  ])
    for (const shouldEscape of [false, true])
      it(`round-trips ${JSON.stringify(typed)} with should_escape ${shouldEscape}`, () => {
        expect(decodeSlashText(encodeSlashText(typed, shouldEscape))).toBe(typed);
      });
});
