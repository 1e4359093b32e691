import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs on stdout; the level comes from LOG_LEVEL. Logs never carry personal data (no
 * e-mail addresses, names or message texts; api/test/log-privacy.test.ts reads them during a member's
 * flow), only ids and counts. A test may pass its own destination.
 */
export function createLogger(level: string, name = 'allmende', destination?: pino.DestinationStream): Logger {
  const options = { name, level, redact: ['req.headers.cookie', 'password', '*.password'] };
  return destination ? pino(options, destination) : pino(options);
}
