import type { BetPlaced } from '@/lib/protocol';
import { prependBounded } from '../ring';
import { type BatchContext, type ChannelItem, eventTime } from './channel-item';

/** How many bets the live table keeps. */
export const BETS_CAP = 500;

/** One row of the live bets table. */
export interface BetRow extends BetPlaced {
  id: string;
  seq: number;
  ts: number;
}

export interface BetsSlice {
  /** Newest first, at most BETS_CAP. */
  rows: BetRow[];
  /** Bets that arrived while the feed was paused, newest first. */
  held: BetRow[];
}

export const initialBets: BetsSlice = { rows: [], held: [] };

function toBetRow(id: string, seq: number, ts: number, d: BetPlaced): BetRow {
  return {
    id,
    seq,
    ts,
    round_id: d.round_id,
    player_id: d.player_id,
    game_id: d.game_id,
    device_id: d.device_id,
    location_id: d.location_id,
    amount: d.amount,
    currency: d.currency,
  };
}

/** Applies `bet.placed` events; a paused feed collects them aside. Dedupes by event id. */
export function reduceBets(slice: BetsSlice, items: ChannelItem[], ctx: BatchContext): BetsSlice {
  const incoming: BetRow[] = [];
  for (const item of items) {
    if (item.type !== 'event' || item.event !== 'bet.placed') continue;
    incoming.push(toBetRow(item.id, item.seq, eventTime(item, ctx.now), item.data));
  }
  if (incoming.length === 0) return slice;
  if (ctx.paused) return { ...slice, held: prependBounded(slice.held, incoming, BETS_CAP) };
  return { ...slice, rows: prependBounded(slice.rows, incoming, BETS_CAP) };
}

/** Resuming shows what was held, without duplicates. */
export function releaseHeldBets(slice: BetsSlice): BetsSlice {
  if (slice.held.length === 0) return slice;
  return { rows: prependBounded(slice.rows, [...slice.held].reverse(), BETS_CAP), held: [] };
}
