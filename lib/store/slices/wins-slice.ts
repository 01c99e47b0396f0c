import { prependBounded } from '../ring';
import { type BatchContext, type ChannelItem, eventTime } from './channel-item';

export const WINS_CAP = 200;
/** A win this large (major units) or this many times its stake is called out on screen. */
export const BIG_WIN_AMOUNT = 500;
export const BIG_WIN_MULTIPLIER = 20;

export type WinKind = 'round' | 'jackpot' | 'raffle';

/** One row of the wins feed. */
export interface WinRow {
  id: string;
  ts: number;
  kind: WinKind;
  player_id: string;
  amount: number;
  currency: string;
  bet_amount: number | null;
  game_id: string | null;
  device_id: string | null;
  location_id: string | null;
  /** The jackpot's name for jackpot and raffle wins. */
  jackpot_name: string | null;
  big: boolean;
}

export interface WinsSlice {
  rows: WinRow[];
  held: WinRow[];
}

export const initialWins: WinsSlice = { rows: [], held: [] };

/** Whether a win is big enough to stand out. */
export function isBigWin(amount: number, betAmount: number | null): boolean {
  return amount >= BIG_WIN_AMOUNT || (betAmount !== null && betAmount > 0 && amount / betAmount >= BIG_WIN_MULTIPLIER);
}

function toRows(item: ChannelItem, now: number): WinRow[] {
  if (item.type !== 'event') return [];
  const ts = eventTime(item, now);
  const base = { ts, game_id: null, device_id: null, location_id: null, bet_amount: null };
  if (item.event === 'round.won') {
    const d = item.data;
    return [{ ...base, id: item.id, kind: 'round', player_id: d.player_id, amount: d.amount, currency: d.currency, bet_amount: d.bet_amount,
      game_id: d.game_id, device_id: d.device_id, location_id: d.location_id, jackpot_name: null, big: isBigWin(d.amount, d.bet_amount) }];
  }
  if (item.event === 'jackpot.won') {
    const d = item.data;
    return [{ ...base, id: item.id, kind: 'jackpot', player_id: d.player_id, amount: d.win_amount, currency: d.currency, jackpot_name: d.jackpot_name, big: true }];
  }
  if (item.event === 'raffle.won') {
    const d = item.data;
    return d.winners.map((w, i) => ({ ...base, id: `${item.id}:${i}`, kind: 'raffle' as const, player_id: w.player_id,
      amount: w.win_amount, currency: w.currency || d.currency, jackpot_name: d.jackpot_name, big: true }));
  }
  return [];
}

/** Applies `round.won`, `jackpot.won` and `raffle.won`; jackpot and raffle wins are always highlighted. */
export function reduceWins(slice: WinsSlice, items: ChannelItem[], ctx: BatchContext): WinsSlice {
  const incoming = items.flatMap((item) => toRows(item, ctx.now));
  if (incoming.length === 0) return slice;
  if (ctx.paused) return { ...slice, held: prependBounded(slice.held, incoming, WINS_CAP) };
  return { ...slice, rows: prependBounded(slice.rows, incoming, WINS_CAP) };
}

export function releaseHeldWins(slice: WinsSlice): WinsSlice {
  if (slice.held.length === 0) return slice;
  return { rows: prependBounded(slice.rows, [...slice.held].reverse(), WINS_CAP), held: [] };
}
