import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL, USER, discordLearner, slackLearner, startChatStack, type ChatStack } from '../helpers/chat-walk.js';

/**
 * A lab through each chat stand-in, by its buttons: Hint, Skip and Next stand for `learn hint`, `learn skip` and
 * `learn check`, run as whoever presses them; the finished lab is said in the channel, not privately.
 */
let chat: ChatStack;
beforeAll(async () => {
  chat = await startChatStack(
    ['discord', 'slack'],
    (channels) => `channels: [${channels.map((c) => `{ channel: "${c}", commands: [all] }`).join(', ')}]\n`,
  );
});
afterAll(() => chat?.close());

describe('lab buttons on Discord', () => {
  it('walks lab 1 by Hint, Next and Skip, and says the finished lab in the channel', async () => {
    const learner = discordLearner(chat.discord);
    const step = await learner.type({ sub: 'learn', options: { action: '1' } });
    expect(step.title).toBe('Lab 1 · The first container: step 1 of 3');
    expect(step.buttons.map((b) => [b.label, b.custom_id])).toEqual([
      ['Hint', 'docker:learn hint'],
      ['Skip', 'docker:learn skip'],
      ['Next', 'docker:learn check'],
    ]);
    const hint = await learner.press(step, 'Hint');
    expect(hint.title).toBe('Hint: lab 1, step 1');
    expect(hint.buttons.map((b) => b.label)).toEqual(['Skip', 'Next']);
    const notYet = await learner.press(hint, 'Next');
    expect(notYet.title).toBe('Not yet: lab 1, step 1');
    await learner.type({ sub: 'run', options: { image: 'docker/whalesay:latest', name: 'whalesay', args: 'cowsay boo' } });
    const second = await learner.press(notYet, 'Next');
    expect(second.title).toBe('Lab 1 · The first container: step 2 of 3');
    const third = await learner.press(second, 'Skip');
    expect(third.title).toBe('Lab 1 · The first container: step 3 of 3');
    await learner.type({ sub: 'rm', options: { container: 'whalesay' } });
    const pressed = chat.discord.buttonPress({ user: USER, channel: CHANNEL, customId: 'docker:learn check' });
    const done = await learner.answer(pressed);
    expect(done.title).toMatch(/^user0001 finished lab 1: The first container$/);
    expect(done.body).toMatch(/Skipped steps: 2\./);
    expect(done.buttons.map((b) => [b.label, b.custom_id])).toEqual([['Next', 'docker:learn 2']]);
    // Deferred in the open: everyone in the channel sees it.
    const [deferral] = chat.discord.find('POST', new RegExp(`/interactions/${pressed.id}/${pressed.token}/callback$`));
    expect(deferral!.body.type).toBe(5);
    expect((deferral!.body.data?.flags ?? 0) & 64).toBe(0);
  });
});

describe('lab buttons on Slack', () => {
  it('walks lab 1 by typed commands and Hint, Next and Skip, and posts the finished lab to the channel', async () => {
    const learner = slackLearner(chat.slack, chat.stack.slackAddress!.port);
    const step = await learner.type('learn 1');
    expect(step.title).toBe('Lab 1 · The first container: step 1 of 3');
    const actions = step.call.args.blocks.find((b: { type: string }) => b.type === 'actions');
    expect(actions.elements.map((e: { text: { text: string }; value: string }) => [e.text.text, e.value])).toEqual([
      ['Hint', 'learn hint'],
      ['Skip', 'learn skip'],
      ['Next', 'learn check'],
    ]);
    const hint = await learner.press(step, 'Hint');
    expect(hint.title).toBe('Hint: lab 1, step 1');
    expect((await learner.type('run --name whalesay docker/whalesay:latest cowsay boo')).title).toBe('docker/whalesay:latest cowsay boo');
    const second = await learner.press(hint, 'Next');
    expect(second.title).toBe('Lab 1 · The first container: step 2 of 3');
    const third = await learner.press(second, 'Skip');
    expect(third.title).toBe('Lab 1 · The first container: step 3 of 3');
    expect((await learner.type('rm whalesay')).title).toBe('Removed 1 container');
    const done = await learner.press(third, 'Next');
    expect(done.title).toBe('u-U1 finished lab 1: The first container');
    expect(done.call.method).not.toBe('chat.postEphemeral');
    expect(done.call.args.channel).toBe('C1');
    expect(chat.slack.find('chat.postEphemeral').filter((c) => c.args.text === done.title)).toEqual([]);
  });
});
