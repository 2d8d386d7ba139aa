import type { CommandJob, DeliveryApi } from '../core/job.js';
import { parseCommand } from '../core/parse.js';
import type { CommandRegistry } from '../core/registry.js';
import type { Progress, Reply } from '../core/reply.js';
import type { SandboxApi } from '../core/sandbox-api.js';
import type { Settings } from '../core/settings.js';

export interface JobDeps {
  registry: CommandRegistry;
  settings: Settings;
  sandbox: SandboxApi;
  deliveries: DeliveryApi;
}

/**
 * The worker's side of one command: parse the text again (the same parser and policy as the bot), run the
 * command against the sandbox host, report progress as it goes. Returns the final reply; throws UserError
 * for the user's mistakes and anything else for faults of ours.
 */
export async function executeJob(jobId: string, job: CommandJob, deps: JobDeps): Promise<Reply> {
  const command = parseCommand(job.text, deps.registry, { who: job.who, settings: deps.settings });
  const progress = (update: Progress) => deps.deliveries.deliver({ kind: 'progress', jobId, replyTo: job.replyTo, progress: update });
  return command.definition.execute({
    args: command.args,
    argv: command.argv,
    who: job.who,
    jobId,
    lang: job.who.locale ?? 'en',
    settings: deps.settings,
    sandbox: deps.sandbox,
    progress,
  });
}
