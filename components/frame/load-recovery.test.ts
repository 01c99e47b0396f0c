import { describe, expect, it } from 'vitest';
import { MAX_RELOADS, RELOAD_WINDOW_MS, nextReloads, readReloads } from './load-recovery';

describe('load recovery', () => {
  it('allows a few reloads, then none until the window has passed', () => {
    let kept: number[] = [];
    for (let i = 0; i < MAX_RELOADS; i++) {
      const next = nextReloads(kept, 1_000 + i);
      expect(next).not.toBeNull();
      kept = next!;
    }
    expect(nextReloads(kept, 2_000)).toBeNull();
    // Once the first reload is older than the window, one more is allowed.
    expect(nextReloads(kept, 1_000 + RELOAD_WINDOW_MS)).toEqual([1_001, 1_002, 1_000 + RELOAD_WINDOW_MS]);
  });

  it('forgets reloads older than the window', () => {
    expect(nextReloads([0, 1, 2], RELOAD_WINDOW_MS + 5)).toEqual([RELOAD_WINDOW_MS + 5]);
  });

  it('reads only numbers back from storage', () => {
    expect(readReloads(null)).toEqual([]);
    expect(readReloads('not json')).toEqual([]);
    expect(readReloads('{"a":1}')).toEqual([]);
    expect(readReloads('[1,"2",null,3]')).toEqual([1, 3]);
  });
});
