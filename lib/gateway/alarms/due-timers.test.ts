import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DueTimers } from './due-timers';

describe('due timers', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('fires once when the shelving time comes', () => {
    const due: string[] = [];
    const timers = new DueTimers(Date.now, (id) => due.push(id));
    timers.arm('alm-1', Date.now() + 60_000);
    vi.advanceTimersByTime(59_999);
    expect(due).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(due).toEqual(['alm-1']);
    expect(timers.pending()).toEqual([]);
  });

  it('replaces an earlier schedule when shelved again', () => {
    const due: string[] = [];
    const timers = new DueTimers(Date.now, (id) => due.push(id));
    timers.arm('alm-1', Date.now() + 60_000);
    timers.arm('alm-1', Date.now() + 120_000);
    vi.advanceTimersByTime(60_000);
    expect(due).toEqual([]);
    vi.advanceTimersByTime(60_000);
    expect(due).toEqual(['alm-1']);
  });

  it('fires at once for a time already past (restart after the shelving ended)', () => {
    const due: string[] = [];
    const timers = new DueTimers(Date.now, (id) => due.push(id));
    timers.arm('alm-1', Date.now() - 5_000);
    vi.advanceTimersByTime(0);
    expect(due).toEqual(['alm-1']);
  });

  it('waits in steps past the longest single timer', () => {
    const due: string[] = [];
    const timers = new DueTimers(Date.now, (id) => due.push(id));
    const thirtyDays = 30 * 24 * 3600_000;
    timers.arm('alm-1', Date.now() + thirtyDays);
    vi.advanceTimersByTime(thirtyDays - 1);
    expect(due).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(due).toEqual(['alm-1']);
  });

  it('never fires once disarmed or closed', () => {
    const due: string[] = [];
    const timers = new DueTimers(Date.now, (id) => due.push(id));
    timers.arm('alm-1', Date.now() + 1000);
    timers.arm('alm-2', Date.now() + 1000);
    timers.disarm('alm-1');
    timers.close();
    vi.advanceTimersByTime(5000);
    expect(due).toEqual([]);
  });
});
