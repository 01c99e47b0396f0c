import { describe, expect, it } from 'vitest';
import { areaPath, linePath } from './paths';

describe('chart paths', () => {
  const points = [
    { x: 0, y: 10 },
    { x: 5, y: null },
    { x: 10, y: 20 },
  ];

  it('draws straight segments and bridges gaps', () => {
    expect(linePath(points)).toBe('M0,10L10,20');
  });

  it('holds each value until the next point in step mode', () => {
    expect(linePath(points, true)).toBe('M0,10H10V20');
  });

  it('closes an area down to the baseline', () => {
    expect(areaPath(points, 30)).toBe('M0,10L10,20V30H0Z');
    expect(areaPath([{ x: 0, y: null }], 30)).toBe('');
  });
});
