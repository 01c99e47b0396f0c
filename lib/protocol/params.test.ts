import { describe, expect, it } from 'vitest';
import { parseChannelParams } from './params';

describe('parseChannelParams', () => {
  it('accepts the filters a channel lists', () => {
    const result = parseChannelParams('game', { location_id: 'loc-main', min_amount: 5, events: ['round.won'] });
    expect(result).toEqual({ ok: true, params: { location_id: 'loc-main', min_amount: 5, events: ['round.won'] } });
  });

  it('treats missing params as no filter', () => {
    expect(parseChannelParams('alerts', undefined)).toEqual({ ok: true, params: {} });
  });

  it('rejects a filter key the channel does not have, naming it', () => {
    const result = parseChannelParams('player', { location_id: 'loc-main' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain("'location_id'");
  });

  it('rejects a wrong type', () => {
    const result = parseChannelParams('game', { min_amount: 'ten' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('min_amount');
  });

  it('rejects an event name from another channel', () => {
    expect(parseChannelParams('cash', { events: ['bet.placed'] }).ok).toBe(false);
  });

  it('accepts exchange ids as numbers or digit strings and keeps numbers', () => {
    expect(parseChannelParams('markets', { sport_event_id: '44285780', market_id: 219 })).toEqual({
      ok: true,
      params: { sport_event_id: 44285780, market_id: 219 },
    });
  });

  it('validates alarm severities and states', () => {
    expect(parseChannelParams('alerts', { severities: ['critical'], states: ['unacked', 'cleared_unacked'] }).ok).toBe(true);
    expect(parseChannelParams('alerts', { severities: ['urgent'] }).ok).toBe(false);
  });

  it('rejects params that are not an object', () => {
    expect(parseChannelParams('game', ['loc-main']).ok).toBe(false);
  });
});
