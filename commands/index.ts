import { createRegistry } from '../src/core/registry.js';
import { audit } from './audit.js';
import { cancel } from './cancel.js';
import { cleanup } from './cleanup.js';
import { cp } from './cp.js';
import { drain, undrain } from './drain.js';
import { curl } from './curl.js';
import { exec } from './exec.js';
import { volume } from './volume.js';
import { jobs } from './jobs.js';
import { lang } from './lang.js';
import { learn } from './learn.js';
import { retry } from './retry.js';
import { explain } from './explain.js';
import { help } from './help.js';
import { images } from './images.js';
import { inspect } from './inspect.js';
import { logs } from './logs.js';
import { ps } from './ps.js';
import { pull } from './pull.js';
import { restart } from './restart.js';
import { rm } from './rm.js';
import { rmi } from './rmi.js';
import { run } from './run.js';
import { start } from './start.js';
import { stop } from './stop.js';
import { stats } from './stats.js';
import { top } from './top.js';

/** Every /docker subcommand, in the order help lists them. */
export const commands = createRegistry([
  run,
  pull,
  images,
  ps,
  logs,
  stop,
  start,
  restart,
  rm,
  rmi,
  inspect,
  exec,
  cp,
  stats,
  top,
  volume,
  curl,
  explain,
  learn,
  jobs,
  cancel,
  retry,
  cleanup,
  audit,
  drain,
  undrain,
  lang,
  help,
]);
