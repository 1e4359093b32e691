import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout; the level comes from LOG_LEVEL. */
export function createLogger(level: string, name = 'allmende'): Logger {
  return pino({ name, level, redact: ['req.headers.cookie', 'password', '*.password'] });
}
