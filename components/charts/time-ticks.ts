/** Steps a time axis may use, in ms: seconds up to hours, all dividing a day. */
const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200].map((s) => s * 1000);

/**
 * Ticks on round clock times (whole minutes, 10 s…) inside `[start, end]`: at most `count` of them,
 * and at least `minStepMs` apart (a label that shows minutes needs a minute between ticks), so
 * labels never repeat or crowd. recharts' own ticks on a number axis are round numbers of
 * milliseconds, which read as arbitrary times.
 */
export function timeTicks(start: number, end: number, count: number, minStepMs = 0): number[] {
  const span = end - start;
  if (!(span > 0) || count < 1) return [];
  const step = TIME_STEPS.find((s) => s >= minStepMs && span / s <= count);
  if (!step) return [];
  const ticks: number[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) ticks.push(t);
  return ticks;
}

/**
 * A y-axis domain padded around the data, for a series whose baseline is not zero (a pot's value):
 * recharts calls it with the data's `[min, max]`.
 */
export function paddedDomain([min, max]: readonly [number, number], padding = 0.08): [number, number] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) return [0, 1];
  const pad = (max - min) * padding || Math.abs(max) * 0.01 || 1;
  return [min - pad, max + pad];
}
