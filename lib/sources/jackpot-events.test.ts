import { describe, expect, it } from 'vitest';
import { createJackpotEvents } from './jackpot-events';
import { COMMUNITY_PAYOUT_ERROR, JACKPOT_UPDATE, JACKPOT_WIN, OPT_IN, RAFFLE_PAYOUT_ERROR, RAFFLE_WIN } from './test-support/jackpot-fixtures';

function run(events: ReturnType<typeof createJackpotEvents>, frame: unknown) {
  const parsed = events.parse(JSON.stringify(frame));
  if (!parsed.ok) throw new Error(parsed.detail);
  return events.apply(parsed);
}

describe('jackpot events (docs/protocol.md §12.2)', () => {
  it('maps JackpotUpdateEvent to jackpot.updated and keeps the pots', () => {
    const events = createJackpotEvents();
    expect(run(events, JACKPOT_UPDATE).publish).toEqual([
      { channel: 'jackpots', event: 'jackpot.updated', data: { instance_id: 'jp-grand', name: 'jp-grand', currency: 'EUR', status: 'active', pots: JACKPOT_UPDATE.data.pots } },
    ]);
    expect(events.snapshot({})).toHaveLength(1);
    expect(events.snapshot({ instance_id: 'other' })).toEqual([]);
  });

  it('maps JackpotWinEvent to jackpot.won and learns the instance name', () => {
    const events = createJackpotEvents();
    run(events, JACKPOT_UPDATE);
    expect(run(events, JACKPOT_WIN).publish).toEqual([
      { channel: 'jackpots', event: 'jackpot.won', data: { instance_id: 'jp-grand', jackpot_name: 'Grand Progressive', player_id: 'u3849', win_pot_id: 'minor', win_amount: 500, currency: 'EUR' } },
    ]);
    run(events, { ...JACKPOT_UPDATE, event_id: 'next' });
    expect(events.snapshot({})[0].name).toBe('Grand Progressive');
  });

  it('maps RaffleWinEvent and OptInEvent (also on player)', () => {
    const events = createJackpotEvents();
    expect(run(events, RAFFLE_WIN).publish[0]).toEqual({
      channel: 'jackpots',
      event: 'raffle.won',
      data: { instance_id: 'jp-raffle', jackpot_name: 'Weekly Raffle', currency: 'EUR', winners: [{ player_id: 'u3849', currency: 'EUR', win_amount: 25 }] },
    });
    const optIn = { instance_id: 'jp-grand', player_id: 'u3849', opted_in: true };
    expect(run(events, OPT_IN).publish).toEqual([
      { channel: 'jackpots', event: 'jackpot.opt_in', data: optIn },
      { channel: 'player', event: 'player.opt_in', data: optIn },
    ]);
  });

  it('turns payout errors into payout_error alarms', () => {
    const events = createJackpotEvents();
    const community = run(events, COMMUNITY_PAYOUT_ERROR);
    expect(community.publish).toEqual([]);
    expect(community.alarm).toMatchObject({ kind: 'payout_error', source_ref: 'jp-grand:round-77', location_id: null, message: expect.stringContaining('2 players') });
    expect(run(events, RAFFLE_PAYOUT_ERROR).alarm).toMatchObject({ kind: 'payout_error', source_ref: 'jp-raffle', message: expect.stringContaining('Raffle payout failed') });
  });

  it('words payout alarms for people: amounts in the floor currency, no internal ids', () => {
    const events = createJackpotEvents({ currency: 'GBP' });
    const message = run(events, COMMUNITY_PAYOUT_ERROR).alarm?.message ?? '';
    expect(message).toMatch(/£[\d,]+\.\d\d in total/);
    expect(message).not.toMatch(/round-77|jp-grand/);
  });

  it('names bad frames without throwing', () => {
    const events = createJackpotEvents();
    expect(events.parse('nope')).toMatchObject({ ok: false, reason: 'invalid_json' });
    expect(events.parse(JSON.stringify({ event_type: 'MysteryEvent', event_id: 'x', data: {} }))).toMatchObject({ ok: false, reason: 'unknown_event_type' });
    expect(events.parse(JSON.stringify({ ...JACKPOT_UPDATE, data: { id: 'jp' } }))).toMatchObject({ ok: false, reason: 'schema' });
  });
});
