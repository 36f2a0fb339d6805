import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * One root logger a process; modules take `logger.child({ module })`. Secrets are redacted wherever
 * they appear. JSON lines by default; `pretty` (LOG_FORMAT=pretty, what `npm start` uses on a terminal)
 * is for people reading along.
 */
export function createLogger(level: string, base: Record<string, unknown> = {}, pretty = false, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
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
  };
  return destination ? pino(options, destination) : pino(options);
}
