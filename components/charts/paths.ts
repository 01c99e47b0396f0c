/** Where a point is drawn: its x, and its y or null for a gap the line bridges. */
export interface PathAccessors<T> {
  x: (point: T) => number;
  y: (point: T) => number | null;
}

const px = (v: number) => Math.round(v * 10) / 10;

/**
 * An SVG path through the points, left to right. `step` holds each value until the next point
 * (a price or a pot stays where it is until it changes); otherwise straight segments.
 * Built in one pass and joined once: no per-point objects, and a flat string rather than a chain
 * of hundreds of pieces held by the DOM.
 */
export function linePath<T>(points: readonly T[], { x, y }: PathAccessors<T>, step = false): string {
  const parts: string[] = [];
  for (const p of points) {
    const py = y(p);
    if (py === null || !Number.isFinite(py)) continue;
    const [sx, sy] = [px(x(p)), px(py)];
    parts.push(parts.length === 0 ? `M${sx},${sy}` : step ? `H${sx}V${sy}` : `L${sx},${sy}`);
  }
  return parts.join('');
}

/** The line's path closed down to `baseY`, for a filled area under it. */
export function areaPath<T>(points: readonly T[], at: PathAccessors<T>, baseY: number, step = false): string {
  const line = linePath(points, at, step);
  if (!line) return '';
  const first = points.find((p) => at.y(p) !== null);
  return `${line}V${px(baseY)}H${px(at.x(first as T))}Z`;
}
