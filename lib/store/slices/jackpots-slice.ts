import type { HistoryPoint, JackpotUpdated } from '@/lib/protocol';
import { SeriesRing, type SeriesView, viewOf } from '../series-ring';
import { type BatchContext, type ChannelItem, eventTime } from './channel-item';

/** How far back the pot charts reach. */
export const POT_WINDOW_MS = 10 * 60_000;
/** Win markers kept per pot; the chart draws the last few, the card names the last one. */
const WINS_PER_POT = 20;
/**
 * Points closer than this are skipped, so a busy pot does not flood its chart: 120 points over ten
 * minutes, about one per pixel and a half of a pot card's sparkline. What a chart costs grows with its
 * points (recharts' point objects, the SVG path string), so this is the sparkline's real size bound.
 */
export const POT_SAMPLE_MS = 5000;
/** Points one pot's window holds: the ring is allocated at this size from the first value on. */
const POT_CAPACITY = POT_WINDOW_MS / POT_SAMPLE_MS + 1;

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
  /** Value history per pot, keyed `instance_id:pot_id`: a fixed-size ring per pot (`potPoints` reads it). */
  series: Record<string, SeriesView>;
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

/** The pot's points, oldest first, as the chart draws them; made when a chart renders, not kept. */
export function potPoints(view: SeriesView): PotPoint[] {
  const { ring } = view;
  return ring.map((t, i) => ({ t, v: ring.value(i) }));
}

/**
 * Adds a chart point at most once per sample period. Pots tick many times a second under load; the big
 * numeral shows every tick, while the chart keeps its view (and so skips its redraw) within a period.
 * A value the two points before already hold moves the last one on instead: the step line is the same,
 * and a pot that does not move (a raffle's) keeps two points, not a window full.
 */
function addPoint(series: Record<string, SeriesView>, key: string, t: number, v: number): void {
  const ring = series[key]?.ring ?? new SeriesRing(POT_CAPACITY);
  const n = ring.length;
  if (n > 0 && t - ring.lastTime() < POT_SAMPLE_MS) return;
  if (n >= 2 && ring.value(n - 1) === v && ring.value(n - 2) === v) ring.setLast(t, v);
  else ring.push(t, v);
  ring.dropBefore(t - POT_WINDOW_MS);
  series[key] = viewOf(ring);
}

/** Opens a pot's window with a snapshot's `[t, value]` pairs (the gateway's recent values). */
function seedHistory(series: Record<string, SeriesView>, key: string, raw: HistoryPoint[]): void {
  const ring = series[key]?.ring ?? new SeriesRing(POT_CAPACITY);
  ring.clear();
  series[key] = viewOf(ring);
  for (const [t, v] of raw) addPoint(series, key, t, v);
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
          const history = raw.history?.[pot.id];
          if (history?.length) seedHistory(series, key, history);
          addPoint(series, key, ctx.now, pot.current_value);
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
      for (const pot of j.pots) addPoint(series, potKey(j.instance_id, pot.id), t, pot.current_value);
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
