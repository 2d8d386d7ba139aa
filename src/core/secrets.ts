import { splitArgv } from './argv.js';

/** Flag names whose value is a secret wherever they appear: `--password=…`, `--token …`, `--api-key=…`. */
const SECRET_FLAG = /^--?[\w-]*(pass(word)?|passwd|secret|token|api[-_]?key|credential|auth)[\w-]*$/i;
/** Environment variables given on a command line: `-e KEY=VALUE`, `--env KEY=VALUE`, `--env=KEY=VALUE`. */
const ENV_FLAGS = new Set(['-e', '--env']);
const MASK = '***';

/**
 * A command line with its secrets masked, for job listings, the audit and logs: values of `-e`/`--env`, and of any
 * argument that looks like a password, token or key (`--password=…`, `--token x`, `PASSWORD=…`). The owner's own
 * job reply shows the line in full; everything else that keeps or shows it uses this.
 */
export function maskSecrets(text: string): string {
  let words: string[];
  try {
    words = splitArgv(text);
  } catch {
    return text.replace(/=\S+/g, `=${MASK}`); // not a line we can split: mask every value
  }
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const [name, ...rest] = word.split('=');
    if (ENV_FLAGS.has(word) && i + 1 < words.length) {
      out.push(word, maskAssignment(words[++i]!));
    } else if (rest.length && (ENV_FLAGS.has(name!) || SECRET_FLAG.test(name!))) {
      out.push(ENV_FLAGS.has(name!) ? `${name}=${maskAssignment(rest.join('='))}` : `${name}=${MASK}`);
    } else if (SECRET_FLAG.test(word) && i + 1 < words.length && !words[i + 1]!.startsWith('-')) {
      out.push(word, MASK);
      i++;
    } else if (/^[A-Za-z_]*(PASS|SECRET|TOKEN|KEY)[A-Za-z_]*=/i.test(word)) {
      out.push(maskAssignment(word));
    } else out.push(word);
  }
  // Quoted only where a word holds a space or a quote: the mask itself stays readable.
  return out.map((w) => (/[\s'"]/.test(w) ? JSON.stringify(w) : w)).join(' ');
}

/** `KEY=VALUE` → `KEY=***`; a bare `KEY` (taken from the environment) stays. */
function maskAssignment(assignment: string): string {
  const at = assignment.indexOf('=');
  return at < 0 ? assignment : `${assignment.slice(0, at)}=${MASK}`;
}
