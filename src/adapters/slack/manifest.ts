import type { CommandRegistry } from '../../core/command.js';

/** A Slack app manifest for Stevedore, from the command definitions: one /docker command, interactivity, scopes. */
export function slackManifest(registry: CommandRegistry, options: { socketMode: boolean; requestUrl?: string }): Record<string, unknown> {
  const url = options.requestUrl ?? 'https://stevedore.example.com/slack/events';
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
          should_escape: false,
          ...(options.socketMode ? {} : { url }),
        },
      ],
    },
    oauth_config: { scopes: { bot: ['commands', 'chat:write', 'files:write'] } },
    settings: {
      interactivity: { is_enabled: true, ...(options.socketMode ? {} : { request_url: url }) },
      org_deploy_enabled: false,
      socket_mode_enabled: options.socketMode,
      token_rotation_enabled: false,
    },
  };
}
