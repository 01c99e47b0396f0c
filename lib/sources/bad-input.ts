import type { SourceDeps } from './types';

const LOG_EVERY_MS = 60_000;

/** Counts rejected upstream input in `badInput{source,reason}` and logs each reason at most once a minute. */
export function createBadInputReporter(source: string, { metrics, logger }: Pick<SourceDeps, 'metrics' | 'logger'>, now: () => number = Date.now) {
  const lastLogged = new Map<string, { at: number; suppressed: number }>();
  return function reportBadInput(reason: string, detail: string, count = 1): void {
    metrics.badInput.inc({ source, reason }, count);
    const entry = lastLogged.get(reason);
    const t = now();
    if (entry && t - entry.at < LOG_EVERY_MS) {
      entry.suppressed += count;
      return;
    }
    logger.warn({ source, reason, suppressed: entry?.suppressed ?? 0 }, `bad input from ${source} (${reason}): ${detail.slice(0, 300)}`);
    lastLogged.set(reason, { at: t, suppressed: 0 });
  };
}

export type BadInputReporter = ReturnType<typeof createBadInputReporter>;
