import { describe, expect, it } from 'vitest';
import { parseExchangeFrame } from './exchange-frames';
import { createExchangeState } from './exchange-state';
import { HEALTH_CHECK, MARKET, MARKET_LINE, MATCHED_BET, SPORT_EVENT, TOURNAMENT, WAGER, selections } from './test-support/exchange-fixtures';
import { envelope } from './test-support/ws-harness';

function feed(state: ReturnType<typeof createExchangeState>, frame: unknown) {
  const parsed = parseExchangeFrame(JSON.stringify(frame));
  if (parsed.kind !== 'change') throw new Error(`not a change: ${JSON.stringify(parsed)}`);
  return state.apply(parsed.changeType, parsed.op, parsed.payload);
}

describe('exchange frames (docs/protocol.md §12.1)', () => {
  it('treats the seed health_check as a keepalive', () => {
    expect(parseExchangeFrame(JSON.stringify(HEALTH_CHECK))).toEqual({ kind: 'keepalive' });
  });

  it('decodes an envelope with its base64 JSON payload', () => {
    const frame = parseExchangeFrame(JSON.stringify(envelope('tournament', 'c', TOURNAMENT)));
    expect(frame).toEqual({ kind: 'change', changeType: 'tournament', op: 'c', timestamp: 1717689526365275600, payload: TOURNAMENT });
  });

  it('names bad JSON, bad base64, unknown change types and bad envelopes', () => {
    expect(parseExchangeFrame('{nope')).toMatchObject({ kind: 'bad', reason: 'invalid_json' });
    expect(parseExchangeFrame(JSON.stringify({ ...envelope('market', 'u', {}), payload: '%%%not base64' }))).toMatchObject({ kind: 'bad', reason: 'bad_base64' });
    expect(parseExchangeFrame(JSON.stringify({ ...envelope('market', 'u', {}), payload: Buffer.from('not json').toString('base64') }))).toMatchObject({ kind: 'bad', reason: 'bad_base64' });
    expect(parseExchangeFrame(JSON.stringify(envelope('weather', 'u', {})))).toMatchObject({ kind: 'bad', reason: 'unknown_change_type' });
    expect(parseExchangeFrame(JSON.stringify({ ...envelope('market', 'x' as 'u', {}) }))).toMatchObject({ kind: 'bad', reason: 'schema' });
  });
});

describe('exchange state', () => {
  it('maps every broadcast change type to its markets event', () => {
    const state = createExchangeState();
    expect(feed(state, envelope('tournament', 'c', TOURNAMENT))).toEqual({ ok: true, event: 'tournament.changed', data: { id: 'sr:tournament:17', op: 'c', info: TOURNAMENT.info } });
    expect(feed(state, envelope('sport_event', 'c', SPORT_EVENT))).toEqual({ ok: true, event: 'sport_event.changed', data: { id: '44285780', op: 'c', sport_event_id: 44285780, tournament_id: 'sr:tournament:17', info: SPORT_EVENT.info } });
    expect(feed(state, envelope('market', 'c', MARKET))).toEqual({ ok: true, event: 'market.changed', data: { id: 219, op: 'c', sport_event_id: 44285780, market_id: 219, info: MARKET.info } });
    expect(feed(state, envelope('market_line', 'c', MARKET_LINE))).toMatchObject({ ok: true, event: 'market_line.changed', data: { id: 9001, sport_event_id: 44285780, market_id: 219 } });
    const sel = selections(1);
    expect(feed(state, envelope('market_selections', 'u', sel))).toEqual({ ok: true, event: 'market.selections', data: { id: 219, sport_event_id: 44285780, market_id: 219, name: 'Moneyline', selections: sel.info.selections } });
    expect(feed(state, envelope('matched_bet', 'c', MATCHED_BET))).toEqual({
      ok: true,
      event: 'market.matched',
      data: { sport_event_id: 44285780, market_id: 219, outcome_id: 4, line_id: 'cffa7ddc4fd50acbe51684e7addabe00', matched_odds: 124, matched_stake: 45.3 },
    });
  });

  it('ignores an update older than the sequence held for the entity', () => {
    const state = createExchangeState();
    expect(feed(state, envelope('market_selections', 'u', selections(10, 100)))).toMatchObject({ ok: true });
    expect(feed(state, envelope('market_selections', 'u', selections(9, 5)))).toMatchObject({ ok: false, reason: 'stale' });
    expect(feed(state, envelope('market_selections', 'u', selections(11, 300)))).toMatchObject({ ok: true });
    const held = state.snapshot({}).find((i) => i.kind === 'selections') as { selections: { stake: number }[][] };
    expect(held.selections[0][0].stake).toBe(300);
  });

  it('removes on delete and does not let a late update revive the entity', () => {
    const state = createExchangeState();
    feed(state, envelope('market', 'c', MARKET));
    feed(state, envelope('market', 'd', { ...MARKET, info: { ...MARKET.info, sequence_number: 9 } }));
    expect(state.snapshot({}).filter((i) => i.kind === 'market')).toEqual([]);
    expect(feed(state, envelope('market', 'u', MARKET))).toMatchObject({ ok: false, reason: 'stale' });
  });

  it('rejects a payload that breaks the schema', () => {
    const state = createExchangeState();
    expect(feed(state, envelope('market', 'u', { id: '1', info: { id: 'x' } }))).toMatchObject({ ok: false, reason: 'schema', detail: expect.stringContaining('payload.info') });
  });

  it('serves a markets snapshot tagged by kind and filtered by sport event and market', () => {
    const state = createExchangeState();
    for (const [t, p] of [['tournament', TOURNAMENT], ['sport_event', SPORT_EVENT], ['market', MARKET], ['market_line', MARKET_LINE], ['market_selections', selections(1)]] as const) {
      feed(state, envelope(t, 'c', p));
    }
    expect(state.snapshot({}).map((i) => i.kind)).toEqual(['tournament', 'sport_event', 'market', 'market_line', 'selections']);
    expect(state.snapshot({ market_id: 219 }).find((i) => i.kind === 'selections')).toMatchObject({ kind: 'selections', id: 219, sport_event_id: 44285780, market_id: 219, name: 'Moneyline' });
    expect(state.snapshot({ sport_event_id: 1 }).map((i) => i.kind)).toEqual(['tournament']);
  });

  it('publishes the private wager as wager.changed, keeps open plays for the snapshot of sportsbook and admin users only', () => {
    const state = createExchangeState();
    expect(feed(state, envelope('wager', 'c', WAGER))).toEqual({
      ok: true,
      event: 'wager.changed',
      data: expect.objectContaining({ id: WAGER.info.id, op: 'c', market_id: 219, sport_event_id: 44285780, outcome_id: 4, odds: 2.12, stake: 200, totally_matched_stake: 120, unmatched_stake: 80, status: 'active', external_id: 'ext-1' }),
    });
    const user = (role: 'sportsbook' | 'manager' | 'admin') => ({ user_id: 'u', name: 'U', role });
    expect(state.snapshot({}, user('sportsbook')).filter((i) => i.kind === 'wager')).toHaveLength(1);
    expect(state.snapshot({}, user('admin')).filter((i) => i.kind === 'wager')).toHaveLength(1);
    expect(state.snapshot({}, user('manager')).filter((i) => i.kind === 'wager')).toEqual([]);
    expect(feed(state, envelope('wager', 'u', { info: { ...WAGER.info, sequence_number: 1 } }))).toMatchObject({ ok: false, reason: 'stale' });
    const settled = { info: { ...WAGER.info, status: 'settled', winning_status: 'won', unmatched_stake: 0, update_type: 'settled', sequence_number: 9 } };
    expect(feed(state, envelope('wager', 'u', settled))).toMatchObject({ ok: true, data: { status: 'settled', winning_status: 'won' } });
    expect(state.snapshot({}, user('sportsbook')).filter((i) => i.kind === 'wager')).toEqual([]);
    expect(feed(state, envelope('wager', 'u', { info: { id: 'w-2' } }))).toMatchObject({ ok: false, reason: 'schema' });
  });

  it('keeps what has traded per market for the snapshot: total, last traded price and volume by price', () => {
    const state = createExchangeState();
    const match = (outcome: number, odds: number, stake: number) => ({ info: { ...MATCHED_BET.info, outcome_id: outcome, matched_odds: odds, matched_stake: stake } });
    feed(state, envelope('matched_bet', 'c', match(4, 2.1, 20)));
    feed(state, envelope('matched_bet', 'c', match(4, 2.12, 30)));
    feed(state, envelope('matched_bet', 'c', match(4, 2.1, 5)));
    feed(state, envelope('matched_bet', 'c', match(5, 1.9, 10)));
    expect(state.snapshot({ market_id: 219 }).filter((i) => i.kind === 'traded')).toEqual([
      {
        kind: 'traded', sport_event_id: 44285780, market_id: 219, total_matched: 65,
        runners: [{ outcome_id: 4, last_traded: 2.1, volume: [[2.1, 25], [2.12, 30]] }, { outcome_id: 5, last_traded: 1.9, volume: [[1.9, 10]] }],
      },
    ]);
    expect(state.snapshot({ market_id: 18 }).filter((i) => i.kind === 'traded')).toEqual([]);
  });
});
