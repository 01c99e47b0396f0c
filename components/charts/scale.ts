/** A linear map from data values to pixels; a zero-width domain maps everything to the range's middle. */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): (v: number) => number {
  const span = d1 - d0;
  if (!Number.isFinite(span) || span === 0) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / span;
  return (v) => r0 + (v - d0) * k;
}

/** 1, 2 or 5 times a power of ten: the smallest such step that cuts `span` into at most `count` parts. */
function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].find((m) => m * power >= raw) ?? 10;
  return step * power;
}

/**
 * A value axis from 0 (or the data's minimum, when negative) up to a round number above the maximum,
 * with at most `count` intervals: the ticks and the domain they span.
 */
export function valueAxis(min: number, max: number, count: number): { domain: [number, number]; ticks: number[] } {
  const lo = Math.min(0, min);
  const hi = max > lo ? max : lo + 1;
  const step = niceStep(hi - lo, count);
  const start = Math.floor(lo / step) * step;
  const end = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  // Rounded so 0.1 + 0.2 reads 0.3 in labels.
  for (let v = start; v <= end + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return { domain: [start, end], ticks };
}

/** Steps a time axis may use, in ms: seconds up to hours, all dividing a day. */
const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200].map((s) => s * 1000);

/**
 * Ticks on round clock times (whole minutes, 10 s…) inside `[start, end]`, spaced at least
 * `minGapPx` apart on a `widthPx` wide axis and at least `minStepMs` apart in time (a label that
 * shows minutes needs a minute between ticks), so labels never repeat or overlap.
 */
export function timeTicks(start: number, end: number, widthPx: number, minGapPx: number, minStepMs = 0): number[] {
  const span = end - start;
  if (!(span > 0) || widthPx <= 0) return [];
  const step = TIME_STEPS.find((s) => s >= minStepMs && (s / span) * widthPx >= minGapPx);
  if (!step) return [];
  const ticks: number[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) ticks.push(t);
  return ticks;
}

/** The smallest and largest of the series' values over the points; [Infinity, -Infinity] when there are none. */
export function extentOf<T>(points: readonly T[], values: readonly ((point: T) => number | null)[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const p of points) {
    for (const value of values) {
      const v = value(p);
      if (v === null) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return [min, max];
}

/** A range padded around `[min, max]`, for charts whose baseline is not zero (a pot's value). */
export function paddedExtent([min, max]: readonly [number, number], padding = 0.08): [number, number] {
  if (min > max) return [0, 1];
  const pad = (max - min) * padding || Math.abs(max) * 0.01 || 1;
  return [min - pad, max + pad];
}

/** The index of the item whose `t` is nearest to `t`; items are sorted by `t`. -1 when empty. */
export function nearestIndex(items: readonly { t: number }[], t: number): number {
  if (items.length === 0) return -1;
  let lo = 0;
  let hi = items.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].t < t) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && t - items[lo - 1].t <= items[lo].t - t) return lo - 1;
  return lo;
}
