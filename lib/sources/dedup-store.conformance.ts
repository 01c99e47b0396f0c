import { describe, expect, it } from 'vitest';
import type { DedupStore } from './dedup-store';

/** Makes an empty store remembering keys for `windowMs` (real time) and holding at least 50,000 of them. */
export type DedupStoreFactory = (windowMs: number) => DedupStore | Promise<DedupStore>;

const HOUR = 3_600_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The guarantees of `DedupStore` (see its doc comment), for any implementation. Every call is awaited,
 * so a store answering with promises passes unchanged.
 */
export function dedupStoreConformance(make: DedupStoreFactory): void {
  describe('DedupStore conformance', () => {
    it('says new the first time and duplicate every time after, within the window', async () => {
      const store = await make(HOUR);
      expect(await store.add(42)).toBe(true);
      for (let i = 0; i < 5; i++) expect(await store.add(42)).toBe(false);
    });

    it('keeps keys independent of one another', async () => {
      const store = await make(HOUR);
      const keys = Array.from({ length: 2000 }, (_, i) => i * 7919 + 3);
      for (const key of keys) expect(await store.add(key)).toBe(true);
      for (const key of keys) expect(await store.add(key)).toBe(false);
      expect(await store.add(1)).toBe(true);
    });

    it('takes every key of the 53-bit range as itself', async () => {
      const store = await make(HOUR);
      const keys = [0, 1, 2 ** 31, 2 ** 32, 2 ** 32 + 1, 2 ** 40 + 5, 2 ** 53 - 2, 2 ** 53 - 1];
      for (const key of keys) expect(await store.add(key)).toBe(true);
      for (const key of keys) expect(await store.add(key)).toBe(false);
      expect(await store.add(5)).toBe(true);
      expect(await store.add(2 ** 52 + 1)).toBe(true);
    });

    it('remembers a key within the window whatever arrived after it', async () => {
      const store = await make(HOUR);
      expect(await store.add(7)).toBe(true);
      let x = 12345;
      for (let i = 0; i < 40_000; i++) {
        x = (x * 48271) % 2147483647;
        await store.add(x * 4096 + (i % 4096) + 8);
      }
      expect(await store.add(7)).toBe(false);
    });

    it('forgets a key by twice the window, and then takes it as new', async () => {
      const windowMs = 40;
      const store = await make(windowMs);
      expect(await store.add(9)).toBe(true);
      expect(await store.add(9)).toBe(false);
      await sleep(windowMs * 2 + 60);
      expect(await store.add(9)).toBe(true);
      expect(await store.add(9)).toBe(false);
    });

    it('answers true to at most one of two adds of the same key made at once', async () => {
      const store = await make(HOUR);
      const answers = await Promise.all([store.add(11), store.add(11), store.add(11)]);
      expect(answers.filter(Boolean)).toHaveLength(1);
    });

    it('answers a batch as the same adds in order would, a key repeated within it new once', async () => {
      const store = await make(HOUR);
      expect(await store.add(2 ** 53 - 1)).toBe(true);
      expect(await store.addMany([21, 22, 21, 2 ** 53 - 1, 23, 22])).toEqual([true, true, false, false, true, false]);
      expect(await store.addMany([23, 24])).toEqual([false, true]);
      expect(await store.add(24)).toBe(false);
      expect(await store.addMany([])).toEqual([]);
    });

    it('gives each key of batches made at once to one of them', async () => {
      const store = await make(HOUR);
      const keys = Array.from({ length: 200 }, (_, i) => 1000 + i);
      const answers = await Promise.all([store.addMany(keys), store.addMany([...keys].reverse()), store.addMany(keys)]);
      keys.forEach((_, i) => expect([answers[0][i], answers[1][keys.length - 1 - i], answers[2][i]].filter(Boolean)).toHaveLength(1));
    });
  });
}
