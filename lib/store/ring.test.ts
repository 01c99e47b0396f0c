import { describe, expect, it } from 'vitest';
import { prependBounded } from './ring';

describe('prependBounded', () => {
  it('puts the newest first and keeps the cap', () => {
    const feed = [{ id: 'b' }, { id: 'a' }];
    expect(prependBounded(feed, [{ id: 'c' }, { id: 'd' }], 3).map((r) => r.id)).toEqual(['d', 'c', 'b']);
  });

  it('skips ids already in the feed, so a replay shows no duplicate', () => {
    const a = { id: 'a' };
    const next = prependBounded([a], [{ id: 'a' }, { id: 'b' }, { id: 'b' }], 10);
    expect(next.map((r) => r.id)).toEqual(['b', 'a']);
    expect(next[1]).toBe(a);
  });

  it('returns the same feed when nothing is new', () => {
    const feed = [{ id: 'a' }];
    expect(prependBounded(feed, [{ id: 'a' }], 10)).toBe(feed);
  });
});
