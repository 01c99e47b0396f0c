/** A point in pixels; a null `y` is a gap the line bridges. */
export interface PathPoint {
  x: number;
  y: number | null;
}

const px = (v: number) => Math.round(v * 10) / 10;

function defined(points: readonly PathPoint[]): { x: number; y: number }[] {
  return points.filter((p): p is { x: number; y: number } => p.y !== null && Number.isFinite(p.y));
}

/**
 * An SVG path through the points, left to right. `step` holds each value until the next point
 * (a price or a pot stays where it is until it changes); otherwise straight segments.
 */
export function linePath(points: readonly PathPoint[], step = false): string {
  const pts = defined(points);
  if (pts.length === 0) return '';
  // Joined once rather than appended to: a flat string, not a chain of hundreds of pieces held by the DOM.
  const parts = [`M${px(pts[0].x)},${px(pts[0].y)}`];
  for (let i = 1; i < pts.length; i++) {
    parts.push(step ? `H${px(pts[i].x)}V${px(pts[i].y)}` : `L${px(pts[i].x)},${px(pts[i].y)}`);
  }
  return parts.join('');
}

/** The line's path closed down to `baseY`, for a filled area under it. */
export function areaPath(points: readonly PathPoint[], baseY: number, step = false): string {
  const pts = defined(points);
  if (pts.length === 0) return '';
  return `${linePath(pts, step)}V${px(baseY)}H${px(pts[0].x)}Z`;
}
