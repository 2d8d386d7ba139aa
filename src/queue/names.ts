/** Queue names; keys are `<QUEUE_PREFIX>:<name>:…`. */
export const COMMAND_QUEUE = 'docker-commands';

/** With SANDBOX_HOSTS: one host's own queue, for work on the containers and volumes it holds. */
export function hostQueueName(host: string): string {
  return `${COMMAND_QUEUE}-on-${host}`;
}

/** One delivery queue per route: `discord`, `slack`, or one terminal process. */
export function deliveryQueueName(route: string): string {
  return `deliveries-${route.replace(/[^\w-]/g, '_')}`;
}

/** The id of a job's one final delivery: adding it twice keeps one, so a final reply is sent once. */
export function finalDeliveryId(jobId: string): string {
  return `final-${jobId}`;
}

/** Detached containers' times to live. */
export const EXPIRY_QUEUE = 'container-expiry';
