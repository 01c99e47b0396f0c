import { type ChannelParams, type EntityChanged, type EventName, type PublishedEvent, type MarketMatched, type MarketSelections, type MarketTradedItem, type MarketsSnapshotItem, type SessionUser, type WagerChanged, mayReceive } from '../protocol';
import { BoundedMap } from './bounded-map';
import { type ChangeType, PAYLOADS, type Payload } from './exchange-frames';
import { describeIssues } from './floor-items';

type Op = 'c' | 'u' | 'd';
type Item<K extends MarketsSnapshotItem['kind']> = Extract<MarketsSnapshotItem, { kind: K }>;

/** Play statuses that take a play out of the operator's open book. */
const CLOSED = new Set(['settled', 'cancelled', 'voided', 'void']);
/** Open plays held for the snapshot; the oldest goes first past this (a feed cannot grow memory without end). */
const MAX_OPEN_WAGERS = 10_000;

const numOr = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const strOr = (v: unknown) => (typeof v === 'string' ? v : null);

/** `wager.changed` data from a validated private `wager` info: every upstream field, the ones the dashboard reads normalized. */
function toWager(info: Payload<'wager'>['info'], op: Op): WagerChanged {
  const matched = numOr(info.totally_matched_stake, 0);
  return {
    ...info,
    id: info.id,
    op,
    market_id: info.market_id,
    sport_event_id: info.sport_event_id,
    outcome_id: info.outcome_id,
    line_id: strOr(info.line_id),
    odds: info.odds,
    stake: info.stake,
    totally_matched_stake: matched,
    unmatched_stake: numOr(info.unmatched_stake, Math.max(0, info.stake - matched)),
    matched_odds: typeof info.matched_odds === 'number' && info.matched_odds > 0 ? info.matched_odds : null,
    matching_status: strOr(info.matching_status),
    winning_status: strOr(info.winning_status),
    status: info.status,
    update_type: strOr(info.update_type),
  };
}

/** What one change does: an event to publish, or why it was dropped. */
export type ExchangeOutcome =
  | { ok: true; event: EventName; data: EntityChanged | MarketSelections | MarketMatched | WagerChanged }
  | { ok: false; reason: 'stale' | 'schema'; detail: string };

/**
 * The exchange's entities (tournaments, sport events, markets, lines, selections), upserted on
 * `c`/`u`, removed on `d`. A change whose `sequence_number` is older than the one held for the
 * same entity is stale and ignored; the last sequence survives a delete so a late update cannot revive it.
 */
export function createExchangeState() {
  const tournaments = new Map<string, Item<'tournament'>>();
  const sportEvents = new Map<string, Item<'sport_event'>>();
  const markets = new Map<string, Item<'market'>>();
  const lines = new Map<number, Item<'market_line'>>();
  const selections = new Map<string, Item<'selections'>>();
  const wagers = new Map<string, Item<'wager'>>();
  const traded = new Map<string, { total: number; runners: Map<number, { last: number; volume: Map<number, number> }> }>();
  const seqs = new BoundedMap<string, number>(500_000);

  /**
   * False when `seq` is not newer than the one held for `key` (an older change, or the same one sent again,
   * as after a reconnect); otherwise records it.
   */
  function fresh(key: string, seq: number | undefined): boolean {
    if (seq === undefined) return true;
    const held = seqs.get(key);
    if (held !== undefined && seq <= held) return false;
    seqs.set(key, seq);
    return true;
  }

  function recordTrade(key: string, outcomeId: number, odds: number, stake: number): void {
    let market = traded.get(key);
    if (!market) traded.set(key, (market = { total: 0, runners: new Map() }));
    let runner = market.runners.get(outcomeId);
    // A market has a handful of selections and prices; the caps only guard against a feed gone wrong.
    if (!runner && market.runners.size < 100) market.runners.set(outcomeId, (runner = { last: odds, volume: new Map() }));
    market.total += stake;
    if (!runner) return;
    runner.last = odds;
    if (runner.volume.has(odds) || runner.volume.size < 1000) runner.volume.set(odds, (runner.volume.get(odds) ?? 0) + stake);
  }

  function tradedItems(eventOk: (id: number) => boolean, marketOk: (id: number) => boolean): MarketTradedItem[] {
    return [...traded].flatMap(([key, m]) => {
      const [sportEventId, marketId] = key.split(':').map(Number);
      if (!eventOk(sportEventId) || !marketOk(marketId)) return [];
      const runners = [...m.runners].map(([outcome_id, r]) => ({ outcome_id, last_traded: r.last, volume: [...r.volume] }));
      return [{ kind: 'traded' as const, sport_event_id: sportEventId, market_id: marketId, total_matched: Math.round(m.total * 100) / 100, runners }];
    });
  }

  function dropEvent(sportEventId: number): void {
    for (const [k, m] of markets) if (m.sport_event_id === sportEventId) markets.delete(k);
    for (const [k, l] of lines) if (l.sport_event_id === sportEventId) lines.delete(k);
    for (const [k, s] of selections) if (s.sport_event_id === sportEventId) selections.delete(k);
    for (const k of traded.keys()) if (k.startsWith(`${sportEventId}:`)) traded.delete(k);
  }

  const stale = (type: string, key: string): ExchangeOutcome => ({ ok: false, reason: 'stale', detail: `${type} ${key}` });

  function applyValid(type: ChangeType, op: Op, p: Payload<ChangeType>): ExchangeOutcome {
    const del = op === 'd';
    switch (type) {
      case 'tournament': {
        const { id, info } = p as Payload<'tournament'>;
        if (!fresh(`t:${id}`, info?.sequence_number)) return stale(type, id);
        if (del) tournaments.delete(id);
        else tournaments.set(id, { kind: 'tournament', id, info });
        return { ok: true, event: 'tournament.changed', data: { id, op, info: info ?? {} } };
      }
      case 'sport_event': {
        const { id, info, tournament_id } = p as Payload<'sport_event'>;
        if (!fresh(`e:${id}`, info?.sequence_number)) return stale(type, id);
        const sportEventId = info?.event_id ?? sportEvents.get(id)?.sport_event_id ?? Number(id);
        if (del) {
          sportEvents.delete(id);
          dropEvent(sportEventId);
        } else sportEvents.set(id, { kind: 'sport_event', id, sport_event_id: sportEventId, tournament_id: tournament_id ?? null, info });
        return { ok: true, event: 'sport_event.changed', data: { id, op, sport_event_id: sportEventId, ...(tournament_id ? { tournament_id } : {}), info: info ?? {} } };
      }
      case 'market': {
        const { info } = p as Payload<'market'>;
        const key = `${info.sport_event_id}:${info.id}`;
        if (!fresh(`m:${key}`, info.sequence_number)) return stale(type, key);
        if (del) {
          markets.delete(key);
          for (const [k, s] of selections) if (s.sport_event_id === info.sport_event_id && s.market_id === info.id) selections.delete(k);
          traded.delete(key);
        } else markets.set(key, { kind: 'market', id: info.id, sport_event_id: info.sport_event_id, market_id: info.id, info });
        return { ok: true, event: 'market.changed', data: { id: info.id, op, sport_event_id: info.sport_event_id, market_id: info.id, info } };
      }
      case 'market_line': {
        const { id, info } = p as Payload<'market_line'>;
        if (!fresh(`l:${id}`, info?.sequence_number)) return stale(type, String(id));
        const held = lines.get(id);
        const sportEventId = info?.sport_event_id ?? held?.sport_event_id;
        const marketId = info?.market_id ?? held?.market_id;
        if (del) lines.delete(id);
        else lines.set(id, { kind: 'market_line', id, sport_event_id: info.sport_event_id, market_id: info.market_id, info });
        return { ok: true, event: 'market_line.changed', data: { id, op, sport_event_id: sportEventId, market_id: marketId, info: info ?? {} } };
      }
      case 'market_selections': {
        const { sport_event_id, market_id, info } = p as Payload<'market_selections'>;
        const key = `${sport_event_id}:${market_id}:${info.id}`;
        if (!fresh(`s:${key}`, info.sequence_number)) return stale(type, key);
        const data: MarketSelections = { id: info.id, sport_event_id, market_id, name: String(info.name ?? ''), selections: del ? [[], []] : info.selections };
        if (del) selections.delete(key);
        else selections.set(key, { kind: 'selections', ...data });
        return { ok: true, event: 'market.selections', data };
      }
      case 'matched_bet': {
        const { info } = p as Payload<'matched_bet'>;
        const { sport_event_id, market_id, outcome_id, line_id, matched_odds, matched_stake } = info;
        recordTrade(`${sport_event_id}:${market_id}`, outcome_id, matched_odds, matched_stake);
        return { ok: true, event: 'market.matched', data: { sport_event_id, market_id, outcome_id, line_id, matched_odds, matched_stake } };
      }
      case 'wager': {
        const info = (p as Payload<'wager'>).info;
        if (!fresh(`w:${info.id}`, info.sequence_number)) return stale(type, info.id);
        if (del) {
          const held = wagers.get(info.id);
          wagers.delete(info.id);
          if (!held) return stale(type, info.id);
          return { ok: true, event: 'wager.changed', data: { ...held, kind: undefined, op, status: 'deleted', unmatched_stake: 0 } };
        }
        const data = toWager(info as Payload<'wager'>['info'], op);
        // The book holds open plays only: a settled or cancelled play leaves it.
        if (CLOSED.has(data.status)) wagers.delete(data.id);
        else {
          if (!wagers.has(data.id) && wagers.size >= MAX_OPEN_WAGERS) wagers.delete(wagers.keys().next().value as string);
          wagers.set(data.id, { ...data, kind: 'wager', op: undefined });
        }
        return { ok: true, event: 'wager.changed', data };
      }
    }
  }

  return {
    /** Validates a decoded payload and applies it. */
    apply(type: ChangeType, op: Op, payload: unknown): ExchangeOutcome {
      const schema = op === 'd' && type !== 'matched_bet' ? PAYLOADS[type].gone : PAYLOADS[type].full;
      const parsed = schema.safeParse(payload);
      if (!parsed.success) return { ok: false, reason: 'schema', detail: `${type}: ${describeIssues(parsed.error, 'payload')}` };
      return applyValid(type, op, parsed.data as Payload<ChangeType>);
    },
    /**
     * Applies a `markets` event another node published from the upstream (the same change, told back):
     * this node's entities, trades and sequence numbers end as the publishing node's did.
     */
    follow(event: PublishedEvent): void {
      const change = changeOf(event);
      if (change) applyValid(change.type, change.op, change.payload as Payload<ChangeType>);
    },
    /** The `markets` snapshot for these params: tournaments, then matching sport events, markets, lines and selections, and open plays for those who may see them. */
    snapshot(p: ChannelParams, user?: SessionUser): MarketsSnapshotItem[] {
      const eventOk = (id: number) => (p.sport_event_id === undefined || p.sport_event_id === id) && (!p.sport_event_ids || p.sport_event_ids.includes(id));
      const marketOk = (id: number | undefined) => p.market_id === undefined || p.market_id === id;
      const trades = tradedItems(eventOk, marketOk);
      return [
        ...tournaments.values(),
        ...[...sportEvents.values()].filter((e) => eventOk(e.sport_event_id)),
        ...[...markets.values()].filter((m) => eventOk(m.sport_event_id) && marketOk(m.market_id)),
        ...[...lines.values()].filter((l) => eventOk(l.sport_event_id) && marketOk(l.market_id)),
        ...[...selections.values()].filter((s) => eventOk(s.sport_event_id) && marketOk(s.market_id)),
        ...trades,
        ...(user && mayReceive(user.role, 'wager.changed') ? [...wagers.values()].filter((w) => eventOk(w.sport_event_id) && marketOk(w.market_id)) : []),
      ];
    },
  };
}

export type ExchangeState = ReturnType<typeof createExchangeState>;

/** The upstream change a published `markets` event was made from (see `applyValid`), or null for other events. */
function changeOf(event: PublishedEvent): { type: ChangeType; op: Op; payload: unknown } | null {
  switch (event.event) {
    case 'tournament.changed':
      return { type: 'tournament', op: event.data.op, payload: { id: event.data.id, info: event.data.info } };
    case 'sport_event.changed': {
      const { id, op, info, tournament_id } = event.data as EntityChanged & { tournament_id?: string | null };
      return { type: 'sport_event', op, payload: { id, info, ...(tournament_id ? { tournament_id } : {}) } };
    }
    case 'market.changed':
      return { type: 'market', op: event.data.op, payload: { id: String(event.data.id), info: event.data.info } };
    case 'market_line.changed':
      return { type: 'market_line', op: event.data.op, payload: { id: event.data.id, info: event.data.info } };
    case 'market.selections': {
      const { id, sport_event_id, market_id, name, selections } = event.data;
      const gone = selections[0].length === 0 && selections[1].length === 0;
      return { type: 'market_selections', op: gone ? 'd' : 'u', payload: { sport_event_id, market_id, info: { id, name, selections } } };
    }
    case 'market.matched':
      return { type: 'matched_bet', op: 'c', payload: { info: event.data } };
    case 'wager.changed': {
      const { op, ...info } = event.data;
      return { type: 'wager', op: op as Op, payload: { info } };
    }
    default:
      return null;
  }
}
