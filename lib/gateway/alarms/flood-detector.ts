/** Flood thresholds: trip above `tripAbove` new alarms per window at one location, clear below `clearBelow`. */
export const FLOOD_LIMITS = { windowMs: 10 * 60_000, tripAbove: 10, clearBelow: 5 } as const;

export type FloodLimits = { windowMs: number; tripAbove: number; clearBelow: number };

/**
 * Counts new alarms per location in a sliding window. The gap between the trip and clear levels is
 * hysteresis: a rate hovering around ten an hour must not raise and clear a flood alarm every minute.
 * Pure bookkeeping; the service raises and clears the alarm.
 */
export class FloodDetector {
  private readonly raises = new Map<string, number[]>();
  private readonly tripped = new Set<string>();

  constructor(private readonly limits: FloodLimits = FLOOD_LIMITS) {}

  /** Counts one new alarm at a location; true when this raise trips the location into flood. */
  record(locationId: string, atMs: number): boolean {
    this.seed(locationId, atMs);
    const rate = this.rate(locationId, atMs);
    if (this.tripped.has(locationId) || rate <= this.limits.tripAbove) return false;
    this.tripped.add(locationId);
    return true;
  }

  /** Counts a past raise without tripping anything (rebuilding the window after a restart). */
  seed(locationId: string, atMs: number): void {
    const times = this.raises.get(locationId) ?? [];
    times.push(atMs);
    if (times.length > 1 && times[times.length - 2] > atMs) times.sort((a, b) => a - b);
    this.raises.set(locationId, times);
  }

  /** Marks a location as already in flood (its flood alarm was open when the gateway started). */
  markTripped(locationId: string): void {
    this.tripped.add(locationId);
  }

  /** New alarms at a location within the window ending at `nowMs`. */
  rate(locationId: string, nowMs: number): number {
    const times = this.raises.get(locationId);
    if (!times) return 0;
    const from = nowMs - this.limits.windowMs;
    let drop = 0;
    while (drop < times.length && times[drop] <= from) drop++;
    if (drop > 0) times.splice(0, drop);
    return times.length;
  }

  /** Locations in flood whose rate has fallen under the clear level; they are no longer tripped. */
  recovered(nowMs: number): string[] {
    const out: string[] = [];
    for (const locationId of this.tripped) {
      if (this.rate(locationId, nowMs) < this.limits.clearBelow) {
        this.tripped.delete(locationId);
        out.push(locationId);
      }
    }
    // Forget quiet locations so a large floor does not grow the map for ever.
    for (const locationId of this.raises.keys()) {
      if (this.rate(locationId, nowMs) === 0 && !this.tripped.has(locationId)) this.raises.delete(locationId);
    }
    return out;
  }

  /** Whether a location is in flood. */
  isTripped(locationId: string): boolean {
    return this.tripped.has(locationId);
  }
}
