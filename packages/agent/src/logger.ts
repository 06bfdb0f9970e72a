/** Structured JSON logs on stdout, one object per line, tagged with service and pod. */
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(service: string, pod: string, level = 'info'): Logger {
  return pino(
    {
      level,
      base: { service, pod },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    // Synchronous: a crash or exit must not lose the last lines.
    pino.destination({ dest: 1, sync: true }),
  );
}

/** A logger that writes nothing, for tests of parts that take one. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
