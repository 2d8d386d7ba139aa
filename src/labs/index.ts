import { parseImageRef } from '../core/image-ref.js';
import { firstContainer } from './lab-1-first-container.js';
import { imagesAndRegistries } from './lab-2-images-registries.js';
import { filesInAndOut } from './lab-3-files-cp.js';
import { volumes } from './lab-4-volumes.js';
import { webServer } from './lab-5-web-server.js';
import { isolation } from './lab-6-isolation.js';
import { scaling } from './lab-7-scaling.js';
import type { Check, Lab, LabText } from './types.js';

export type { Check, Lab, LabText, Step } from './types.js';

const HANGUL = /[\uac00-\ud7a3]/;

/** Everything wrong with a set of labs, in words for the one who wrote them (empty: all good). */
export function labProblems(labs: readonly Lab[]): string[] {
  const problems: string[] = [];
  const text = (where: string, t: LabText | undefined) => {
    if (!t?.en.trim()) problems.push(`${where}: no English text`);
    if (!t?.ko.trim()) problems.push(`${where}: no Korean text`);
    else if (!HANGUL.test(t.ko)) problems.push(`${where}: the Korean text is not Korean`);
  };
  labs.forEach((lab, i) => {
    const at = `lab ${lab.number} (${lab.id})`;
    if (lab.number !== i + 1) problems.push(`${at}: numbered ${lab.number}, expected ${i + 1}`);
    if (!/^[a-z0-9-]+$/.test(lab.id)) problems.push(`${at}: id must be kebab-case`);
    text(`${at} title`, lab.title);
    text(`${at} about`, lab.about);
    text(`${at} done`, lab.done);
    if (!lab.steps.length) problems.push(`${at}: no steps`);
    const stepIds = new Set<string>();
    lab.steps.forEach((step, s) => {
      const where = `${at} step ${s + 1} (${step.id})`;
      if (stepIds.has(step.id)) problems.push(`${where}: step id used twice`);
      stepIds.add(step.id);
      text(`${where} do`, step.do);
      text(`${where} why`, step.why);
      text(`${where} hint`, step.hint);
      const command = (c: string) => {
        if (!c.trim() || c.startsWith('/')) problems.push(`${where}: the command is the text after /docker`);
      };
      command(step.command);
      if (step.file && !step.noFiles) problems.push(`${where}: takes a file in, with no way where commands carry no file`);
      if (step.noFiles) {
        text(`${where} noFiles do`, step.noFiles.do);
        command(step.noFiles.command);
      }
      if (!step.checks.length) problems.push(`${where}: nothing is checked`);
      for (const check of step.checks) problems.push(...checkProblems(check, lab).map((p) => `${where}: ${p}`));
    });
  });
  const ids = labs.map((l) => l.id);
  if (new Set(ids).size !== ids.length) problems.push('two labs share an id');
  return problems;
}

function checkProblems(check: Check, lab: Lab): string[] {
  const problems: string[] = [];
  const container = (name: string | undefined) => {
    if (name !== undefined && !lab.containers.includes(name))
      problems.push(`container ${name} is not in the lab's containers (reset would leave it)`);
  };
  const image = (ref: string | undefined) => {
    if (ref === undefined) return;
    try {
      parseImageRef(ref);
    } catch {
      problems.push(`${ref} is not an image reference`);
    }
  };
  switch (check.kind) {
    case 'container':
      container(check.name);
      image(check.image);
      if (check.exitCode !== undefined && check.running) problems.push('a container cannot both be running and have exited');
      break;
    case 'gone':
      container(check.name);
      break;
    case 'volume':
      if (!lab.volumes.includes(check.name)) problems.push(`volume ${check.name} is not in the lab's volumes`);
      break;
    case 'file':
      if ((check.container === undefined) === (check.volume === undefined)) problems.push('a file check names a container or a volume');
      container(check.container);
      if (check.volume !== undefined && !lab.volumes.includes(check.volume))
        problems.push(`volume ${check.volume} is not in the lab's volumes`);
      if (!check.path.startsWith('/') || check.path.includes('..')) problems.push(`${check.path} is not an absolute path`);
      break;
    case 'http':
      container(check.container);
      if (!check.path.startsWith('/')) problems.push(`${check.path} is not a path`);
      break;
    case 'image':
      image(check.ref);
      break;
    case 'asked':
      image(check.image);
      if (!/^[a-z-]+$/.test(check.command)) problems.push(`${check.command} is not a command name`);
      break;
  }
  return problems;
}

/** The labs, in the order of the team's notes; checked when this module loads, so a bad lab stops the start. */
export const LABS: readonly Lab[] = [firstContainer, imagesAndRegistries, filesInAndOut, volumes, webServer, isolation, scaling];

const problems = labProblems(LABS);
if (problems.length) throw new Error(`the labs are not valid:\n${problems.join('\n')}`);

export function labByNumber(n: number): Lab | undefined {
  return LABS.find((l) => l.number === n);
}
