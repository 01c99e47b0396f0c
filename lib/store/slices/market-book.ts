import type { MarketSelection, MarketTradedItem } from '@/lib/protocol';
import { num, str } from './channel-item';

/** One quoted price of a selection and the stake available at it. */
export interface PriceLevel {
  odds: number;
  stake: number;
}

/** One selection (runner) of a market: its back side (best = highest price first) and lay side (best = lowest first). */
export interface RunnerBook {
  outcome_id: number;
  name: string;
  line_id: string;
  back: PriceLevel[];
  lay: PriceLevel[];
}

/** Most levels a side keeps: the feed carries at most ten best selections per array. */
export const MAX_LEVELS = 10;

const levels = (selections: MarketSelection[], outcomeId: number, bestFirst: (a: PriceLevel, b: PriceLevel) => number): PriceLevel[] =>
  selections
    .filter((s) => s.outcome_id === outcomeId && s.odds > 1 && s.stake > 0)
    .map((s) => ({ odds: s.odds, stake: s.stake }))
    .sort(bestFirst)
    .slice(0, MAX_LEVELS);

/**
 * Folds one `market.selections` book into a market's runners: its first array is the back side, its
 * second the lay side, each entry naming its selection by `outcome_id`. Every selection the book
 * mentions is replaced whole; the others keep their prices, and runners keep the order they came in.
 */
export function mergeSelections(runners: readonly RunnerBook[], sides: [MarketSelection[], MarketSelection[]]): RunnerBook[] {
  const next = [...runners];
  const seen = new Set<number>();
  for (const s of [...sides[0], ...sides[1]]) {
    if (seen.has(s.outcome_id)) continue;
    seen.add(s.outcome_id);
    const runner: RunnerBook = {
      outcome_id: s.outcome_id,
      name: s.display_name || s.name || `Selection ${s.outcome_id}`,
      line_id: s.line_id,
      back: levels(sides[0], s.outcome_id, (a, b) => b.odds - a.odds),
      lay: levels(sides[1], s.outcome_id, (a, b) => a.odds - b.odds),
    };
    const at = next.findIndex((r) => r.outcome_id === s.outcome_id);
    if (at >= 0) next[at] = runner;
    else next.push(runner);
  }
  return next;
}

/** What has traded on a market: the total, and per selection the last traded price and the volume at each price. */
export interface MarketTrading {
  total: number;
  /** Last traded price per outcome id. */
  last: Record<number, number>;
  /** Matched stake per outcome id and price (the price as a string key). */
  volume: Record<number, Record<string, number>>;
  lastAt: number;
}

export const emptyTrading: MarketTrading = { total: 0, last: {}, volume: {}, lastAt: 0 };

/** Adds one matched bet to a market's trading. */
export function recordMatch(t: MarketTrading, outcomeId: number, odds: number, stake: number, at: number): MarketTrading {
  const byPrice = t.volume[outcomeId] ?? {};
  const key = String(odds);
  return {
    total: t.total + stake,
    last: { ...t.last, [outcomeId]: odds },
    volume: { ...t.volume, [outcomeId]: { ...byPrice, [key]: (byPrice[key] ?? 0) + stake } },
    lastAt: at,
  };
}

/** A market's trading from a `traded` snapshot item (what the gateway saw before this page opened). */
export function tradingFromSnapshot(raw: MarketTradedItem, at: number): MarketTrading {
  const t: MarketTrading = { total: raw.total_matched, last: {}, volume: {}, lastAt: at };
  for (const r of raw.runners) {
    if (r.last_traded > 1) t.last[r.outcome_id] = r.last_traded;
    t.volume[r.outcome_id] = Object.fromEntries(r.volume.map(([price, stake]) => [String(price), stake]));
  }
  return t;
}

/** One of the operator's own open plays (from `wager.changed`). */
export interface OwnWager {
  id: string;
  marketKey: string;
  outcome_id: number;
  odds: number;
  stake: number;
  matched: number;
  unmatched: number;
  status: string;
}

/** Statuses after which a play no longer belongs in the book. */
const CLOSED = new Set(['settled', 'cancelled', 'voided', 'void', 'deleted']);

/** A play from `wager.changed` data or a `wager` snapshot item; null when it has left the book (or is unreadable). */
export function toOwnWager(d: Record<string, unknown>, marketKey: string): OwnWager | null {
  const id = str(d.id);
  const status = str(d.status) ?? 'active';
  if (!id || CLOSED.has(status) || d.op === 'd') return null;
  const stake = num(d.stake);
  const matched = num(d.totally_matched_stake);
  return { id, marketKey, outcome_id: num(d.outcome_id), odds: num(d.odds), stake, matched, unmatched: num(d.unmatched_stake, Math.max(0, stake - matched)), status };
}

/** The operator's position on one market. */
export interface OurBook {
  matched: number;
  unmatched: number;
  /** The most the market can lose us on its matched plays: the worst outcome's loss, 0 when none loses. */
  exposure: number;
  /** Profit or loss on the matched plays if each selection wins. */
  ifWins: Record<number, number>;
}

/**
 * Our matched and unmatched stake and exposure on a market. Plays back a selection: if it wins,
 * a play earns matched × (odds − 1); if another selection wins, it loses its matched stake.
 * `outcomes` lists the market's selections, so a selection nobody backed counts as a losing result too.
 */
export function ourBook(wagers: readonly OwnWager[], outcomes: readonly number[]): OurBook {
  const ids = new Set([...outcomes, ...wagers.map((w) => w.outcome_id)]);
  // With one known selection, "anything else wins" is still a result.
  if (ids.size < 2) ids.add(-1);
  const ifWins: Record<number, number> = {};
  for (const o of ids) ifWins[o] = wagers.reduce((pl, w) => pl + (w.outcome_id === o ? w.matched * (w.odds - 1) : -w.matched), 0);
  const worst = Math.min(...Object.values(ifWins));
  return {
    matched: wagers.reduce((sum, w) => sum + w.matched, 0),
    unmatched: wagers.reduce((sum, w) => sum + w.unmatched, 0),
    exposure: Math.max(0, -worst),
    ifWins,
  };
}
