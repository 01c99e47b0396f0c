import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ExpirySchedule } from './expiry-schedule';

describe('ExpirySchedule', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => vi.useRealTimers());

  it('expires each item once its time has passed, earliest first, on one timer', () => {
    const expired: string[] = [];
    const schedule = new ExpirySchedule<string>((item) => expired.push(item));
    schedule.add('late', 1_003_000);
    schedule.add('early', 1_001_000);
    schedule.add('early too', 1_001_000);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(999);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(['early', 'early too']);
    vi.advanceTimersByTime(2000);
    expect(expired).toEqual(['early', 'early too', 'late']);
    expect(schedule.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not expire a deleted item, and a moved one only at its new time', () => {
    const expired: string[] = [];
    const schedule = new ExpirySchedule<string>((item) => expired.push(item));
    schedule.add('gone', 1_001_000);
    schedule.add('refreshed', 1_001_000);
    schedule.delete('gone', 1_001_000);
    schedule.delete('refreshed', 1_001_000);
    schedule.add('refreshed', 1_060_000);
    vi.advanceTimersByTime(59_999);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(['refreshed']);
  });

  it('waits past the longest delay setTimeout honours, and expires nothing once closed', () => {
    const expired: string[] = [];
    const schedule = new ExpirySchedule<string>((item) => expired.push(item));
    const far = 1_000_000 + 40 * 24 * 3600 * 1000;
    schedule.add('far', far);
    vi.advanceTimersByTime(far - 1_000_000 - 1);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(['far']);
    schedule.add('never', 1_000_000 + 40 * 24 * 3600 * 1000 + 5000);
    schedule.close();
    vi.advanceTimersByTime(10_000);
    expect(expired).toEqual(['far']);
  });
});
