/** One flag of the Docker CLI, with its meaning in both languages. */
export interface CliFlag {
  long: string;
  short?: string;
  /** The value's type as `--help` names it; absent for a boolean flag. */
  type?: string;
  en: string;
  ko?: string;
}

/** One command of the Docker CLI (or of a plugin described from its documentation). */
export interface CliCommand {
  path: string;
  usage: string;
  en: string;
  ko?: string;
  aliases: string[];
  subcommands: string[];
  flags: CliFlag[];
  /** Set for plugin commands: the plugin that provides it, not installed with this client. */
  plugin?: string;
}
