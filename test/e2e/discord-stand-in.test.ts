import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordStandIn, PERMISSION } from '../stand-ins/discord-stand-in.js';

/** The stand-in refuses what Discord refuses, with Discord's own codes: asked over plain HTTP, as any client would. */
let discord: DiscordStandIn;
const CHANNEL = '300000000000000001';
beforeAll(async () => {
  discord = new DiscordStandIn();
  await discord.start();
});
afterAll(() => discord.stop());

async function call(method: string, path: string, body?: unknown, bot = false): Promise<{ status: number; json: any }> {
  const res = await fetch(`${discord.apiUrl}/v10${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(bot ? { authorization: 'Bot t' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}
const command = () => discord.slashCommand({ user: '400000000000000001', channel: CHANNEL, sub: 'ps' });
const callback = (i: { id: string; token: string }, body: unknown) => call('POST', `/interactions/${i.id}/${i.token}/callback`, body);
const original = (i: { token: string }, body: unknown) =>
  call('PATCH', `/webhooks/${discord.applicationId}/${i.token}/messages/@original`, body);

describe('the Discord stand-in is as strict as Discord', () => {
  it('refuses a first response after the 3 s (10062) and a second response (40060)', async () => {
    const late = command();
    discord.deadlinePassed(late.id);
    expect(await callback(late, { type: 5 })).toMatchObject({ status: 404, json: { code: 10062 } });
    const twice = command();
    expect((await callback(twice, { type: 5 })).status).toBe(204);
    discord.deadlinePassed(twice.id); // answered in time: the deadline no longer matters
    expect(await callback(twice, { type: 4, data: { content: 'again' } })).toMatchObject({ status: 400, json: { code: 40060 } });
    expect((await original(twice, { content: 'edited' })).status).toBe(200);
  });

  it('refuses the token once its 15 minutes are over (50027)', async () => {
    const i = command();
    await callback(i, { type: 5 });
    discord.tokenExpired(i.id);
    expect(await original(i, { content: 'late' })).toMatchObject({ status: 401, json: { code: 50027 } });
    expect(await call('POST', `/webhooks/${discord.applicationId}/${i.token}`, { content: 'late' })).toMatchObject({
      status: 401,
      json: { code: 50027 },
    });
  });

  it('refuses messages past the limits with 50035 Invalid Form Body', async () => {
    const i = command();
    await callback(i, { type: 5 });
    const button = (id: string) => ({ type: 2, style: 2, label: 'b', custom_id: id });
    const bad: unknown[] = [
      { content: 'x'.repeat(2001) },
      { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) },
      { embeds: [{ title: 't'.repeat(257) }] },
      { embeds: [{ description: 'd'.repeat(4097) }] },
      { embeds: [{ title: 't', fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] },
      { embeds: [{ description: 'd'.repeat(4000) }, { description: 'd'.repeat(2001) }] },
      { components: Array.from({ length: 6 }, (_, r) => ({ type: 1, components: [button(`r${r}`)] })) },
      { components: [{ type: 1, components: Array.from({ length: 6 }, (_, b) => button(`b${b}`)) }] },
      { components: [{ type: 1, components: [button('same'), button('same')] }] },
      { components: [{ type: 1, components: [button('x'.repeat(101))] }] },
      { content: 'file?', attachments: [{ id: 0, filename: 'output.txt' }] },
    ];
    for (const body of bad) expect(await original(i, body)).toMatchObject({ status: 400, json: { code: 50035 } });
    expect((await original(i, { content: 'x'.repeat(2000) })).status).toBe(200);
  });

  it('refuses registrations Discord refuses', async () => {
    const put = (body: unknown) => call('PUT', `/applications/${discord.applicationId}/commands`, body, true);
    const sub = (name: string, options: unknown[] = []) => ({ type: 1, name, description: 'd', options });
    const bad: unknown[] = [
      [{ name: 'docker', description: 'd', options: Array.from({ length: 26 }, (_, i) => sub(`s${i}`)) }],
      [{ name: 'Docker', description: 'd' }],
      [{ name: 'docker', description: 'd'.repeat(101) }],
      [{ name: 'docker', description: '' }],
      [
        {
          name: 'docker',
          description: 'd',
          options: [
            sub('a', [
              { type: 3, name: 'x', description: 'd' },
              { type: 3, name: 'y', description: 'd', required: true },
            ]),
          ],
        },
      ],
      [
        {
          name: 'docker',
          description: 'd',
          options: [sub('a', [{ type: 3, name: 'x', description: 'd', autocomplete: true, choices: [{ name: 'a', value: 'a' }] }])],
        },
      ],
      [
        {
          name: 'docker',
          description: 'd',
          options: [{ type: 2, name: 'g', description: 'd', options: [{ type: 2, name: 'h', description: 'd' }] }],
        },
      ],
      [{ name: 'docker', description: 'd', options: [sub('a'), { type: 3, name: 'x', description: 'd' }] }],
    ];
    for (const body of bad) expect(await put(body)).toMatchObject({ status: 400, json: { code: 50035 } });
    expect(
      (await put([{ name: 'docker', description: 'd', options: [{ type: 2, name: 'image', description: 'd', options: [sub('pull')] }] }]))
        .status,
    ).toBe(200);
  });

  it('refuses channel posts where the bot may not see (50001) or post (50013)', async () => {
    discord.guilds[0]!.channels.push({ id: '300000000000000077', name: 'hidden' }, { id: '300000000000000078', name: 'readonly' });
    discord.deny('300000000000000077', PERMISSION.VIEW_CHANNEL);
    discord.deny('300000000000000078', PERMISSION.SEND_MESSAGES);
    expect(await call('POST', '/channels/300000000000000077/messages', { content: 'hi' }, true)).toMatchObject({
      status: 403,
      json: { code: 50001 },
    });
    expect(await call('POST', '/channels/300000000000000078/messages', { content: 'hi' }, true)).toMatchObject({
      status: 403,
      json: { code: 50013 },
    });
    expect((await call('POST', `/channels/${CHANNEL}/messages`, { content: 'hi' }, true)).status).toBe(200);
    expect((await call('POST', `/channels/${CHANNEL}/messages`, { content: 'hi' })).status).toBe(401);
  });
});
