import type { CommandRegistry } from '../../core/command.js';

/** The bot token scopes Stevedore needs: the command, posting (also where not invited), and uploading output. */
export const NEEDED_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'files:write'];

/** Where Bolt's HTTP receiver listens on the bot's server. */
export const EVENTS_PATH = '/slack/events';

/**
 * The full request URL Slack is to call, from what the operator gave: a base (`https://bot.example.com`) gets
 * `/slack/events`; a URL that ends in it is kept. No URL, or not an http(s) one, is an error.
 */
export function requestUrlOf(given: string | undefined): string {
  if (!given || given.startsWith('--'))
    throw new Error(`HTTP mode needs the bot's public URL: --http https://bot.example.com${EVENTS_PATH}`);
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new Error(`not a URL: ${given} (expected https://bot.example.com${EVENTS_PATH})`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`not an http(s) URL: ${given}`);
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith(EVENTS_PATH) ? path : `${path}${EVENTS_PATH}`;
  return url.toString();
}

/**
 * A Slack app manifest for Stevedore, from the command definitions: one /docker command, interactivity, scopes.
 * Socket Mode needs no URL; HTTP mode needs the full request URL (see requestUrlOf).
 */
export function slackManifest(registry: CommandRegistry, options: { socketMode: boolean; requestUrl?: string }): Record<string, unknown> {
  const url = options.socketMode ? undefined : requestUrlOf(options.requestUrl);
  const names = registry.all.map((d) => d.name);
  return {
    display_information: { name: 'Stevedore', description: 'Run and explain Docker commands in a sandbox, from chat.' },
    features: {
      bot_user: { display_name: 'stevedore', always_online: true },
      slash_commands: [
        {
          command: '/docker',
          description: 'Run and explain Docker commands in a sandbox',
          usage_hint: `${names.slice(0, 8).join(' | ')} | … (try: run whalesay boo)`.slice(0, 100),
          // Mentions and links come as Slack markup either way; the adapter turns them back into what was typed.
          should_escape: false,
          ...(url ? { url } : {}),
        },
      ],
    },
    oauth_config: { scopes: { bot: [...NEEDED_SCOPES] } },
    settings: {
      interactivity: { is_enabled: true, ...(url ? { request_url: url } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: options.socketMode,
      token_rotation_enabled: false,
    },
  };
}
