import { pino, type Logger } from 'pino';

/** JSON logs on stderr, so stdout stays the user's (the terminal adapter, the one-shot CLI). */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'stevedore' } }, pino.destination(2));
}
