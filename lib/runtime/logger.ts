import pino from 'pino';

/** The process logger: JSON lines on stdout. */
export type Logger = pino.Logger;

/** Creates the process logger at a level. */
export function createLogger(level = 'info'): Logger {
  return pino({ level, base: { app: 'floor-monitor' } });
}
