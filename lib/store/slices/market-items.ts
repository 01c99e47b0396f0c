import type { MarketSelection } from '@/lib/protocol';
import { num, str } from './channel-item';

/** A sport event as the market picker lists it. */
export interface SportEventInfo {
  id: string;
  name: string;
  tournament: string | null;
  scheduled: string | null;
  status: string | null;
}

/** A market of a sport event. */
export interface MarketInfo {
  key: string;
  sport_event_id: string;
  market_id: string;
  name: string;
  status: string | null;
}

/** One `market.selections` book: the back side's best selections, then the lay side's. */
export interface MarketBookData {
  sport_event_id: string;
  market_id: string;
  name: string;
  sides: [MarketSelection[], MarketSelection[]];
}

export type MarketItem =
  | { kind: 'sport_event'; op: string; value: SportEventInfo }
  | { kind: 'market'; op: string; value: MarketInfo }
  | { kind: 'selections'; value: MarketBookData }
  | { kind: 'wager'; value: Record<string, unknown>; sport_event_id: string; market_id: string }
  | { kind: 'other' };

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Loose) : null);

export const marketKey = (sportEventId: string, marketId: string) => `${sportEventId}:${marketId}`;

const KIND_BY_NAME: Record<string, MarketItem['kind']> = {
  'sport_event.changed': 'sport_event',
  sport_event: 'sport_event',
  'market.changed': 'market',
  market: 'market',
  'market.selections': 'selections',
  market_selections: 'selections',
  selections: 'selections',
  'market_line.changed': 'other',
  market_line: 'other',
  'tournament.changed': 'other',
  tournament: 'other',
  'wager.changed': 'wager',
  wager: 'wager',
};

function toSelection(raw: unknown): MarketSelection | null {
  const s = obj(raw);
  if (!s) return null;
  return {
    outcome_id: num(s.outcome_id),
    name: str(s.name) ?? '',
    competitor_id: num(s.competitor_id),
    line: num(s.line),
    line_id: str(s.line_id) ?? '',
    odds: num(s.odds),
    display_odds: str(s.display_odds) ?? String(num(s.odds)),
    display_line: str(s.display_line) ?? '',
    display_name: str(s.display_name) ?? str(s.name) ?? '',
    value: num(s.value),
    stake: num(s.stake),
    updated_at: num(s.updated_at),
  };
}

function side(raw: unknown): MarketSelection[] {
  return Array.isArray(raw) ? raw.map(toSelection).filter((s): s is MarketSelection => s !== null) : [];
}

function sportEvent(d: Loose, info: Loose): SportEventInfo {
  const id = str(info.event_id) ?? str(d.id) ?? str(info.id) ?? '';
  return {
    id,
    name: str(info.display_name) ?? str(info.name) ?? str(d.name) ?? `Event ${id}`,
    tournament: str(info.tournament_name),
    scheduled: str(info.scheduled),
    status: str(info.status),
  };
}

function market(d: Loose, info: Loose): MarketInfo {
  const sportEventId = str(info.sport_event_id) ?? str(d.sport_event_id) ?? str(d.id) ?? '';
  const marketId = str(info.id) ?? str(d.market_id) ?? '';
  return { key: marketKey(sportEventId, marketId), sport_event_id: sportEventId, market_id: marketId, name: str(info.name) ?? `Market ${marketId}`, status: str(info.status) };
}

/**
 * Reads one markets item, whether an event's `data` or a snapshot entry: the snapshot's item shape
 * may be any of the change kinds, so this goes by explicit kind names first and by fields second.
 */
export function classifyMarketItem(raw: unknown, eventName?: string): MarketItem {
  const d = obj(raw);
  if (!d) return { kind: 'other' };
  if (!eventName && typeof d.event === 'string' && obj(d.data)) return classifyMarketItem(d.data, d.event);
  const named = eventName ?? str(d.kind) ?? str(d.change_type) ?? str(d.type) ?? '';
  const info = obj(d.info) ?? d;
  const kind =
    KIND_BY_NAME[named] ??
    (Array.isArray(info.selections) ? 'selections' : Array.isArray(info.competitors) ? 'sport_event' : info.sport_event_id !== undefined && info.name ? 'market' : 'other');
  const op = str(d.op) ?? 'u';
  if (kind === 'sport_event') return { kind, op, value: sportEvent(d, info) };
  if (kind === 'market') return { kind, op, value: market(d, info) };
  if (kind === 'wager') return { kind, value: info, sport_event_id: str(info.sport_event_id) ?? '', market_id: str(info.market_id) ?? '' };
  if (kind === 'selections') {
    const selections = Array.isArray(info.selections) ? info.selections : [];
    const sportEventId = str(d.sport_event_id) ?? str(info.sport_event_id) ?? '';
    const marketId = str(d.market_id) ?? str(info.market_id) ?? str(info.id) ?? '';
    return {
      kind,
      value: { sport_event_id: sportEventId, market_id: marketId, name: str(d.name) ?? str(info.name) ?? `Market ${marketId}`, sides: [side(selections[0]), side(selections[1])] },
    };
  }
  return { kind: 'other' };
}
