import type { KpiMinute, PublishedEvent } from '../../protocol';
import { KPI_WINDOW_MINUTES, type KpiCounters, type KpiMinutes, MINUTE_MS, countedMinute, minuteStart } from './kpi-minutes';

/** How one counted event moves the counters. */
const COUNT: Record<string, (c: KpiCounters, amount: number) => void> = {
  'bet.placed': (c, amount) => {
    c.bets++;
    c.turnover += amount;
  },
  'round.won': (c, amount) => {
    c.wins++;
    c.payout += amount;
  },
  'cash.deposit': (c, amount) => void (c.deposits += amount),
  'cash.withdraw': (c, amount) => void (c.withdrawals += amount),
};

const emptyCounters = (): KpiCounters => ({ bets: 0, turnover: 0, wins: 0, payout: 0, deposits: 0, withdrawals: 0 });
const cents = (n: number) => Math.round(n * 100) / 100;

/** Location keys: the null location cannot collide with an id, since ids are non-empty. */
const NULL_LOCATION = '';
const keyOf = (location: string | null) => location ?? NULL_LOCATION;

function toKpiMinute(location: string, minute: number, c: KpiCounters): KpiMinute {
  return {
    minute: new Date(minute).toISOString(),
    location_id: location === NULL_LOCATION ? null : location,
    bets: c.bets,
    turnover: cents(c.turnover),
    wins: c.wins,
    payout: cents(c.payout),
    deposits: cents(c.deposits),
    withdrawals: cents(c.withdrawals),
  };
}

/**
 * `KpiMinutes` in this process's memory: counters by location, then by minute start. Memory is
 * bounded by locations × 61 minutes; minutes leave as the window moves past them.
 */
export class MemoryKpiMinutes implements KpiMinutes {
  private readonly byLocation = new Map<string, Map<number, KpiCounters>>();
  /**
   * The counters changed since the last `takeChanged`, each with its key: one entry per minute and
   * location, made when it first changes (not a key string per event).
   */
  private readonly changed = new Map<KpiCounters, { location: string; minute: number }>();
  /** The open minute as of the last `takeChanged`. */
  private openMinute: number | null = null;

  record(event: PublishedEvent, now: number): void {
    const count = COUNT[event.event];
    if (!count) return;
    const minute = countedMinute(event.ts, now);
    if (minute < this.oldestKept(now)) return;
    const data = event.data as { location_id?: unknown; amount?: unknown };
    const location = keyOf(typeof data.location_id === 'string' && data.location_id !== '' ? data.location_id : null);
    const amount = typeof data.amount === 'number' && Number.isFinite(data.amount) ? data.amount : 0;
    let minutes = this.byLocation.get(location);
    if (!minutes) this.byLocation.set(location, (minutes = new Map()));
    let counters = minutes.get(minute);
    if (!counters) minutes.set(minute, (counters = emptyCounters()));
    count(counters, amount);
    if (!this.changed.has(counters)) this.changed.set(counters, { location, minute });
  }

  takeChanged(now: number): KpiMinute[] {
    const open = minuteStart(now);
    const closed = this.openMinute !== null && this.openMinute < open ? this.openMinute : null;
    this.openMinute = open;
    this.prune(now);
    const out: KpiMinute[] = [];
    const sent = new Set<string>();
    const emit = (location: string, minute: number) => {
      const key = `${location}|${minute}`;
      const counters = this.byLocation.get(location)?.get(minute);
      if (sent.has(key) || !counters) return;
      sent.add(key);
      out.push(toKpiMinute(location, minute, counters));
    };
    if (closed !== null) for (const location of this.byLocation.keys()) emit(location, closed);
    for (const { location, minute } of this.changed.values()) emit(location, minute);
    this.changed.clear();
    return out.sort((a, b) => a.minute.localeCompare(b.minute));
  }

  adopt(published: KpiMinute, now: number): void {
    const minute = Date.parse(published.minute);
    if (!Number.isFinite(minute) || minute < this.oldestKept(now)) return;
    const location = keyOf(published.location_id);
    let minutes = this.byLocation.get(location);
    if (!minutes) this.byLocation.set(location, (minutes = new Map()));
    const { bets, turnover, wins, payout, deposits, withdrawals } = published;
    const counted = minutes.get(minute);
    if (counted) this.changed.delete(counted);
    minutes.set(minute, { bets, turnover, wins, payout, deposits, withdrawals });
  }

  recent(now: number): KpiMinute[] {
    this.prune(now);
    const out: KpiMinute[] = [];
    for (const [location, minutes] of this.byLocation) {
      for (const [minute, counters] of minutes) out.push(toKpiMinute(location, minute, counters));
    }
    return out.sort((a, b) => a.minute.localeCompare(b.minute));
  }

  private oldestKept(now: number): number {
    return minuteStart(now) - KPI_WINDOW_MINUTES * MINUTE_MS;
  }

  private prune(now: number): void {
    const oldest = this.oldestKept(now);
    for (const [location, minutes] of this.byLocation) {
      for (const minute of minutes.keys()) if (minute < oldest) minutes.delete(minute);
      if (minutes.size === 0) this.byLocation.delete(location);
    }
  }
}
