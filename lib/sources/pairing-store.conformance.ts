import { describe, expect, it } from 'vitest';
import type { PairingStore } from './pairing-store';

/** Makes an empty store that holds at least the latest `retain` rounds. */
export type PairingStoreFactory = (retain: number) => PairingStore | Promise<PairingStore>;

/**
 * The guarantees of `PairingStore` (see its doc comment), for any implementation. Every call is awaited,
 * so a store answering with promises passes unchanged.
 */
export function pairingStoreConformance(make: PairingStoreFactory): void {
  describe('PairingStore conformance', () => {
    it('returns null for a round it never saw', async () => {
      const store = await make(100);
      expect(await store.betFor('round-1')).toBeNull();
    });

    it('returns the amount exactly as given, zero and fractions included', async () => {
      const store = await make(100);
      const bets: [string, number][] = [['r-a', 2.5], ['r-b', 0], ['r-c', 0.1], ['r-d', 12_345_678.91], ['r-e', 1e-9]];
      for (const [round, amount] of bets) await store.rememberBet(round, amount);
      for (const [round, amount] of bets) expect(await store.betFor(round)).toBe(amount);
    });

    it('keeps the newest bet of a round', async () => {
      const store = await make(100);
      await store.rememberBet('r-1', 5);
      await store.rememberBet('r-1', 7);
      expect(await store.betFor('r-1')).toBe(7);
    });

    it('keeps rounds apart, however alike their ids', async () => {
      const store = await make(100);
      await store.rememberBet('r1', 1);
      await store.rememberBet('r10', 10);
      await store.rememberBet('R1', 100);
      expect([await store.betFor('r1'), await store.betFor('r10'), await store.betFor('R1'), await store.betFor('r')]).toEqual([1, 10, 100, null]);
    });

    it('holds at least the latest retain rounds, however many came before', async () => {
      const retain = 1000;
      const store = await make(retain);
      for (let i = 0; i < retain * 5; i++) await store.rememberBet(`round-${i}`, i / 100);
      for (let i = retain * 4; i < retain * 5; i++) expect(await store.betFor(`round-${i}`)).toBe(i / 100);
    });

    it('answers batches as the same calls in order would', async () => {
      const store = await make(100);
      await store.rememberBet('b-0', 3);
      await store.rememberBets([['b-1', 1.5], ['b-2', 0], ['b-1', 4]]);
      expect(await store.betsFor(['b-1', 'b-x', 'b-2', 'b-0', 'b-1'])).toEqual([4, null, 0, 3, 4]);
      expect(await store.betFor('b-1')).toBe(4);
      expect(await store.betsFor([])).toEqual([]);
      await store.rememberBets([]);
    });

    it('answers a look-up made before a batch of bets without them', async () => {
      const store = await make(100);
      await store.rememberBet('c-1', 1);
      const [before] = await Promise.all([store.betsFor(['c-1', 'c-2']), store.rememberBets([['c-1', 2], ['c-2', 5]])]);
      expect(before).toEqual([1, null]);
      expect(await store.betsFor(['c-1', 'c-2'])).toEqual([2, 5]);
    });
  });
}
