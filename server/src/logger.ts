import pino, { type Logger } from 'pino';

export type { Logger };

/** One root logger a process; modules take `logger.child({ module })`. Secrets are redacted wherever they appear. */
export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { pid: process.pid, ...base },
    redact: {
      paths: [
        'password',
        '*.password',
        'req.headers.authorization',
        'headers.authorization',
        'token',
        '*.token',
        'secret',
        '*.secret',
        'app_secret',
        '*.app_secret',
      ],
      censor: '[redacted]',
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
