import type { Lang } from '../core/flag-spec.js';
import { say, type MessageId } from '../core/messages/index.js';
import type { RunPlan } from '../core/sandbox-api.js';

/** The states of the lifecycle diagram, left to right. */
export const STATES = ['registry', 'image', 'created', 'running', 'exited', 'removed'] as const;
export type State = (typeof STATES)[number];

/** A transition: the Docker verb that moves a container (or image) from one state to another. */
export interface Step {
  verb: string;
  from: State;
  to: State;
}

/** Every transition the diagram draws. */
export const STEPS: readonly Step[] = [
  { verb: 'pull', from: 'registry', to: 'image' },
  { verb: 'create', from: 'image', to: 'created' },
  { verb: 'start', from: 'created', to: 'running' },
  { verb: 'exit / stop / kill', from: 'running', to: 'exited' },
  { verb: 'start / restart', from: 'exited', to: 'running' },
  { verb: 'rm', from: 'exited', to: 'removed' },
  { verb: 'rm -f', from: 'running', to: 'removed' },
  { verb: 'rmi', from: 'image', to: 'removed' },
];

const step = (from: State, to: State) => STEPS.find((s) => s.from === from && s.to === to)!;

/** The path one command takes through the lifecycle, and the Engine API calls it makes on the way. */
export interface Path {
  steps: Step[];
  api: string[];
  /** Read-only commands move nothing; a detached run ends by its time to live. */
  note?: MessageId;
}

/** How `run` moves, given what policy planned: pull if missing, create, start, then wait (and remove) or detach. */
export function runPath(plan: Pick<RunPlan, 'detach' | 'autoRemove' | 'pull'>): Path {
  const steps = [step('registry', 'image'), step('image', 'created'), step('created', 'running')];
  const api = [
    'GET /images/{name}/json',
    `POST /images/create?fromImage=… (${plan.pull === 'always' ? 'always' : plan.pull === 'never' ? 'never' : 'only if missing'})`,
    'POST /containers/create?name=…',
  ];
  if (plan.detach) {
    api.push('POST /containers/{id}/start');
    steps.push(step('running', 'removed'));
    return { steps, api, note: 'explain.path.detached' };
  }
  api.push(
    'POST /containers/{id}/attach?stream=1&stdout=1&stderr=1',
    'POST /containers/{id}/start',
    'POST /containers/{id}/wait',
    'GET /containers/{id}/json',
  );
  steps.push(step('running', 'exited'));
  if (plan.autoRemove) {
    steps.push(step('exited', 'removed'));
    api.push('DELETE /containers/{id}?force=1');
  }
  return { steps, api };
}

/** The other commands' paths. */
export const COMMAND_PATHS: Readonly<Record<string, Path>> = {
  pull: { steps: [step('registry', 'image')], api: ['POST /images/create?fromImage={name}&tag={tag}'] },
  images: { steps: [], api: ['GET /images/json'], note: 'explain.path.readsOnly' },
  ps: { steps: [], api: ['GET /containers/json?all=…&filters={"label":["stevedore.deployment=…"]}'], note: 'explain.path.readsOnly' },
  logs: {
    steps: [],
    api: ['GET /containers/json', 'GET /containers/{id}/logs?stdout=1&stderr=1&tail=…[&follow=1&since=…&until=…&timestamps=1&details=1]'],
    note: 'explain.path.readsOnly',
  },
  stats: {
    steps: [],
    api: ['GET /containers/json', 'GET /containers/{id}/stats?stream=false (again each refresh with --no-stream=false)'],
    note: 'explain.path.readsOnly',
  },
  top: { steps: [], api: ['GET /containers/json', 'GET /containers/{id}/top'], note: 'explain.path.readsOnly' },
  inspect: { steps: [], api: ['GET /containers/json', 'GET /containers/{id}/json'], note: 'explain.path.readsOnly' },
  stop: { steps: [step('running', 'exited')], api: ['GET /containers/json', 'POST /containers/{id}/stop'] },
  start: { steps: [step('exited', 'running')], api: ['GET /containers/json', 'POST /containers/{id}/start'] },
  restart: {
    steps: [step('running', 'exited'), step('exited', 'running')],
    api: ['GET /containers/json', 'POST /containers/{id}/restart'],
  },
  rm: { steps: [step('exited', 'removed')], api: ['GET /containers/json', 'DELETE /containers/{id}'] },
  rmi: { steps: [step('image', 'removed')], api: ['DELETE /images/{name}'] },
};

/** "registry → image → created → running → exited → removed", as the path visits the states. */
export function describePath(path: Path, lang: Lang): string {
  const note = path.note ? say(path.note, lang) : '';
  if (path.steps.length === 0) return note;
  const states = [path.steps[0]!.from, ...path.steps.map((s) => s.to)];
  return states.map((s) => say(`explain.state.${s}`, lang)).join(' → ') + (note ? ` (${note})` : '');
}
