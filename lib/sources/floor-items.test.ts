import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ITEM_SCHEMAS, parseFloorItem } from './floor-items';

const round = { unique_id: 'u-1', timestamp: '2026-11-30T06:00:00.000Z', player_id: 'P-1', game_id: 'GD1', round_id: 'r-1', amount: 2.5, currency: 'EUR', is_win: false };
const messageOf = (raw: unknown) => {
  const parsed = parseFloorItem(raw);
  return parsed.ok ? null : parsed.message;
};

describe('floor item schemas', () => {
  it('each compiles to a function (none falls back to the interpreted schema)', () => {
    for (const schema of ITEM_SCHEMAS) expect(() => z.compile(schema, { strict: true })).not.toThrow();
  });

  it('keep the output a valid item had, unknown fields dropped', () => {
    expect(parseFloorItem({ event: 'gameround', data: { ...round, extra: 1, is_bonus: true } })).toEqual({
      ok: true,
      item: { kind: 'gameround', id: 'u-1', ts: round.timestamp, data: { ...round, is_bonus: true } },
    });
  });

  it("answer a bad item with zod's own messages, word for word", () => {
    expect(messageOf({ event: 'gameround', data: { ...round, amount: -1 } })).toBe('data.amount: Too small: expected number to be >=0');
    expect(messageOf({ event: 'gameround', data: { ...round, timestamp: '2026-13-01' } })).toBe('data.timestamp: Invalid ISO datetime');
    expect(messageOf({ event: 'gameround', data: { ...round, unique_id: '', player_id: 5, round_id: 'x'.repeat(201), is_win: 'no' } })).toBe(
      'data.unique_id: Too small: expected string to have >=1 characters; data.player_id: Invalid input: expected string, received number; data.round_id: Too big: expected string to have <=200 characters',
    );
    expect(messageOf({ event: 'gameround' })).toBe('data: Invalid input: expected nonoptional, received undefined (an item is {"event", "data"})');
    expect(messageOf({ event: 'deposit', data: round })).toBe('data.method: Invalid input: expected string, received undefined');
    expect(messageOf({ event: 'betPlaced', data: { playerId: 'p', amount: 'x', device: 'd' } })).toBe('data.amount: Invalid input: expected number, received string');
    expect(messageOf([])).toBe(': Invalid input: expected object, received array (an item is {"event", "data"})');
    expect(messageOf({ event: 'gameround', timestamp: 'bad', data: round })).toBe('timestamp: Invalid ISO datetime (an item is {"event", "data"})');
  });
});
