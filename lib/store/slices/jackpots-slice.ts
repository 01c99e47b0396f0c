import type { HistoryPoint, JackpotUpdated } from '@/lib/protocol';
import { appendWindow } from '../ring';
import { type BatchContext, type ChannelItem, eventTime } from './channel-item';

/** How far back the pot charts reach. */
export const POT_WINDOW_MS = 10 * 60_000;
const SERIES_CAP = 300;
/** Win markers kept per pot; the chart draws the last few, the card names the last one. */
const WINS_PER_POT = 20;
/**
 * Points closer than this are skipped, so a busy pot does not flood its chart: 300 points over
 * ten minutes is still more than the sparkline has pixels.
 */
const SAMPLE_MS = 2000;

export interface PotPoint {
  t: number;
  v: number;
}

export interface PotWinMarker {
  t: number;
  amount: number;
  player_id: string;
}

export interface JackpotsSlice {
  /** Jackpot instances by `instance_id`, as last updated. */
  instances: Record<string, JackpotUpdated>;
  /** Value history per pot, keyed `instance_id:pot_id`. */
  series: Record<string, PotPoint[]>;
  /** Wins per pot, keyed `instance_id:pot_id`, for chart markers. */
  wins: Record<string, PotWinMarker[]>;
}

export const initialJackpots: JackpotsSlice = { instances: {}, series: {}, wins: {} };

/** The key of one pot across instances. */
export const potKey = (instanceId: string, potId: string) => `${instanceId}:${potId}`;

/** The instance as the panel keeps it: a snapshot item without its history. */
function instanceOf({ instance_id, name, currency, status, pots }: JackpotUpdated): JackpotUpdated {
  return { instance_id, name: name || instance_id, currency, status, pots };
}

/**
 * Adds a chart point at most once per sample period. Pots tick many times a second under load; the big
 * numeral shows every tick, while the chart keeps its array (and so skips its redraw) within a period.
 */
function addPoint(series: Record<string, PotPoint[]>, key: string, point: PotPoint): void {
  const current = series[key] ?? [];
  const last = current[current.length - 1];
  if (last && point.t - last.t < SAMPLE_MS) return;
  series[key] = appendWindow(current, [point], POT_WINDOW_MS, SERIES_CAP);
}

/** A snapshot's `[t, value]` pairs as chart points. */
function historyPoints(raw: HistoryPoint[] | undefined): PotPoint[] {
  return raw ? raw.map(([t, v]) => ({ t, v })) : [];
}

/** The entries of `record` whose key is in `keys`; the same object when nothing goes. */
function keep<T>(record: Record<string, T>, keys: Set<string>): Record<string, T> {
  const stale = Object.keys(record).filter((k) => !keys.has(k));
  if (stale.length === 0) return record;
  const next = { ...record };
  for (const k of stale) delete next[k];
  return next;
}

/** Applies jackpot snapshots, `jackpot.updated` (values and chart points) and `jackpot.won` (markers). */
export function reduceJackpots(slice: JackpotsSlice, items: ChannelItem[], ctx: BatchContext): JackpotsSlice {
  let instances = slice.instances;
  let series = slice.series;
  let wins = slice.wins;
  const touch = () => {
    if (instances === slice.instances) instances = { ...instances };
    if (series === slice.series) series = { ...series };
  };
  for (const item of items) {
    if (item.type === 'snapshot' && item.channel === 'jackpots') {
      touch();
      instances = {};
      for (const raw of item.data) {
        const j = instanceOf(raw);
        instances[j.instance_id] = j;
        for (const pot of j.pots) {
          const key = potKey(j.instance_id, pot.id);
          // The gateway's recent values are the pot's history; what this page drew before a resync is older.
          const history = historyPoints(raw.history?.[pot.id]);
          if (history.length) series[key] = appendWindow([], history, POT_WINDOW_MS, SERIES_CAP);
          addPoint(series, key, { t: ctx.now, v: pot.current_value });
        }
      }
      // Pots the snapshot no longer has take their history with them.
      const live = new Set(Object.values(instances).flatMap((j) => j.pots.map((p) => potKey(j.instance_id, p.id))));
      series = keep(series, live);
      wins = keep(wins, live);
    } else if (item.type === 'event' && item.event === 'jackpot.updated') {
      const j = instanceOf(item.data);
      touch();
      instances[j.instance_id] = j;
      const t = eventTime(item, ctx.now);
      for (const pot of j.pots) addPoint(series, potKey(j.instance_id, pot.id), { t, v: pot.current_value });
    } else if (item.type === 'event' && item.event === 'jackpot.won') {
      const d = item.data;
      const key = potKey(d.instance_id, d.win_pot_id);
      if (wins === slice.wins) wins = { ...wins };
      const t = eventTime(item, ctx.now);
      wins[key] = [...(wins[key] ?? []), { t, amount: d.win_amount, player_id: d.player_id }]
        .filter((w) => w.t >= t - POT_WINDOW_MS)
        .slice(-WINS_PER_POT);
    }
  }
  if (instances === slice.instances && series === slice.series && wins === slice.wins) return slice;
  return { instances, series, wins };
}
