import { describe, expect, it } from 'vitest';
import { areaPath, linePath } from './paths';

describe('chart paths', () => {
  const points = [
    { t: 0, v: 10 },
    { t: 5, v: null },
    { t: 10, v: 20 },
  ];
  const at = { x: (p: (typeof points)[number]) => p.t, y: (p: (typeof points)[number]) => p.v };

  it('draws straight segments and bridges gaps', () => {
    expect(linePath(points, at)).toBe('M0,10L10,20');
  });

  it('holds each value until the next point in step mode', () => {
    expect(linePath(points, at, true)).toBe('M0,10H10V20');
  });

  it('closes an area down to the baseline', () => {
    expect(areaPath(points, at, 30)).toBe('M0,10L10,20V30H0Z');
    expect(areaPath([{ t: 0, v: null }], at, 30)).toBe('');
  });
});
