/** Text of a lab in both languages, side by side (labs are data; the catalogue holds the words around them). */
export interface LabText {
  en: string;
  ko: string;
}

/**
 * What a step asks of the engine, checked against its state, never against what was typed. Names are the
 * learner's own (display) names; images are compared as Docker normalises them (`docker/whalesay` is
 * `docker.io/docker/whalesay:latest`).
 */
export type Check = ContainerCheck | GoneCheck | VolumeCheck | FileCheck | HttpCheck | ImageCheck | AskedCheck;

/** A container of the learner's, named so, and as described. */
export interface ContainerCheck {
  kind: 'container';
  name: string;
  image?: string;
  /** It ran and exited with this code. */
  exitCode?: number;
  /** It is running now. */
  running?: boolean;
  label?: { key: string; value: string };
  /** It is attached to this network mode (`none` in the sandbox; `bridge`, Docker's default, elsewhere). */
  network?: string;
  /** Its output holds this text. */
  output?: string;
  /** Created since the step began (a fresh container from the image, not the old one). */
  createdSince?: boolean;
  /** (Re)started since the step began. */
  startedSince?: boolean;
}

/** No container of the learner's has this name (any more). */
export interface GoneCheck {
  kind: 'gone';
  name: string;
}

/** A volume of the learner's has this name. */
export interface VolumeCheck {
  kind: 'volume';
  name: string;
}

/** A file exists at `path` in a container of the learner's, or in a volume (path inside the volume), holding `content`. */
export interface FileCheck {
  kind: 'file';
  container?: string;
  volume?: string;
  path: string;
  content?: string;
}

/** A running container of the learner's answers HTTP on `port` (8080) for `path` with `status` (200), its body holding `holds`. */
export interface HttpCheck {
  kind: 'http';
  container: string;
  path: string;
  port?: number;
  status?: number;
  holds?: string;
}

/** The sandbox host holds this image. */
export interface ImageCheck {
  kind: 'image';
  ref: string;
}

/**
 * The learner asked for this (since the step began) and got an answer: for what leaves nothing on the engine
 * (`ps -a`, `images`) or what a shared sandbox refuses (`image rm`), where the answer itself is the outcome.
 */
export interface AskedCheck {
  kind: 'asked';
  /** The command's name as defined (`ps`, `rmi`, `cp`), whatever spelling was typed (`image rm`). */
  command: string;
  /** One of these flag spellings was given (`-a`, `--all`). */
  flag?: string[];
  /** The image named (aliases resolved, compared normalised). */
  image?: string;
  /** These words were given as they are (`box:/files/made.txt`). */
  args?: string[];
  /** The answer must have been a success (a finished job, not a refusal). */
  succeeded?: boolean;
  /** `/docker explain <the command>` counts too. */
  orExplain?: boolean;
}

/** One step: what to do and why, the command the notes teach, and what the engine must show afterwards. */
export interface Step {
  id: string;
  do: LabText;
  why: LabText;
  /** The command to type, after /docker. */
  command: string;
  /** A local file the command takes in (cp), with what to put in it. */
  file?: { name: string; content: string };
  /**
   * Where a command can carry no file (Slack's slash commands), the way that works there: what to do and the command,
   * meeting the same checks (they look at the engine, not at how the file came).
   */
  noFiles?: { do: LabText; command: string };
  /** All must hold. */
  checks: Check[];
  /** Said by `/docker learn hint`, and with a near miss. */
  hint: LabText;
}

/** One lab: a part of the team's notes, done by hand. */
export interface Lab {
  number: number;
  id: string;
  title: LabText;
  /** What the lab is about, from the notes. */
  about: LabText;
  /** The learner's containers and volumes the lab makes: `reset` removes them. */
  containers: string[];
  volumes: string[];
  steps: Step[];
  /** Said when the lab is finished: what was learned. */
  done: LabText;
}
