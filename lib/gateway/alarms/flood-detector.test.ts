import { describe, expect, it } from 'vitest';
import { FloodDetector } from './flood-detector';

const MIN = 60_000;

describe('flood detector', () => {
  it('trips on the eleventh new alarm within ten minutes at one location, once', () => {
    const floods = new FloodDetector();
    const trips = Array.from({ length: 12 }, (_, i) => floods.record('loc-main', i * 1000));
    expect(trips.indexOf(true)).toBe(10);
    expect(trips.filter(Boolean)).toHaveLength(1);
    expect(floods.isTripped('loc-main')).toBe(true);
  });

  it('counts locations separately', () => {
    const floods = new FloodDetector();
    for (let i = 0; i < 10; i++) floods.record('loc-a', i);
    expect(floods.record('loc-b', 11)).toBe(false);
    expect(floods.isTripped('loc-a')).toBe(false);
  });

  it('does not trip when the alarms are spread wider than the window', () => {
    const floods = new FloodDetector();
    const trips = Array.from({ length: 20 }, (_, i) => floods.record('loc-main', i * 61_000));
    expect(trips.some(Boolean)).toBe(false);
  });

  it('recovers only when the rate falls under five per window (hysteresis)', () => {
    const floods = new FloodDetector();
    for (let i = 0; i < 11; i++) floods.record('loc-main', i * MIN * 0.5); // 0 .. 5 min
    expect(floods.recovered(9 * MIN)).toEqual([]); // all 11 still within the window
    expect(floods.recovered(12.6 * MIN)).toEqual([]); // 0..2.5 min dropped: 5 left, not under 5
    expect(floods.recovered(13.1 * MIN)).toEqual(['loc-main']); // 4 left
    expect(floods.isTripped('loc-main')).toBe(false);
    expect(floods.recovered(14 * MIN)).toEqual([]);
  });

  it('keeps a location restored as tripped until it recovers', () => {
    const floods = new FloodDetector();
    floods.markTripped('loc-main');
    for (let i = 0; i < 20; i++) expect(floods.record('loc-main', i)).toBe(false);
    expect(floods.recovered(11 * MIN)).toEqual(['loc-main']);
  });

  it('rebuilds a window from seeded raises without tripping', () => {
    const floods = new FloodDetector();
    for (let i = 11; i > 0; i--) floods.seed('loc-main', i * 1000);
    expect(floods.isTripped('loc-main')).toBe(false);
    expect(floods.rate('loc-main', 20_000)).toBe(11);
    expect(floods.record('loc-main', 20_000)).toBe(true);
  });
});
