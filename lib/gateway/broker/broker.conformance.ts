import { describe, expect, it, vi } from 'vitest';
import type { Channel } from '../../protocol';
import type { Eventually } from '../eventually';
import { eventTail } from '../frames';
import type { HistoryOptions } from '../history';
import type { Broker, Publication, PublicationDraft } from './broker';

/** Makes a broker with empty history and this retention; each call a broker of its own. */
export type BrokerFactory = (retention: HistoryOptions) => Eventually<Broker> | Promise<Eventually<Broker>>;

const ROOMY: HistoryOptions = { minEvents: 10_000, maxAgeMs: 10 * 60_000, maxBytes: 2 ** 30, hardCap: 50_000 };
const TS = '2026-01-18T14:30:00.000Z';

function draft(n: number, extra: Record<string, unknown> = {}): PublicationDraft {
  const data = { n, location_id: `loc-${n % 3}`, amount: n, ...extra };
  return { event: 'bet.placed', id: `ev-${n}`, ts: TS, dataJson: JSON.stringify(data), fields: { location_id: data.location_id, amount: n } };
}

const tailOf = (channel: Channel, d: PublicationDraft, seq: number) => eventTail(channel, d.event, seq, d.id, d.ts, d.dataJson);

async function publishMany(broker: Eventually<Broker>, channel: Channel, count: number): Promise<Publication[]> {
  const out: Publication[] = [];
  for (let i = 0; i < count; i++) out.push(await broker.publish(channel, draft(i)));
  return out;
}

const seqs = (entries: { seq: number }[] | null) => entries?.map((e) => e.seq) ?? null;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * The guarantees of `Broker` (see its doc comment), for any implementation. Every call is awaited and
 * deliveries are waited for, so a broker answering with promises and delivering later passes unchanged.
 */
export function brokerConformance(make: BrokerFactory): void {
  describe('Broker conformance', () => {
    it('numbers each channel 1, 2, 3, … with no gap, independently of other channels', async () => {
      const broker = await make(ROOMY);
      expect(await broker.lastSeq('game')).toBe(0);
      expect(await broker.lastSeq('cash')).toBe(0);
      const numbered: [Channel, number][] = [];
      for (const channel of ['game', 'game', 'cash', 'game', 'cash', 'game'] as Channel[]) numbered.push([channel, (await broker.publish(channel, draft(numbered.length))).seq]);
      expect(numbered).toEqual([['game', 1], ['game', 2], ['cash', 1], ['game', 3], ['cash', 2], ['game', 4]]);
      expect(await broker.lastSeq('game')).toBe(4);
      expect(await broker.lastSeq('cash')).toBe(2);
      expect(await broker.lastSeq('alerts')).toBe(0);
    });

    it('returns each publication with its position, event, fields and encoded frame tail', async () => {
      const broker = await make(ROOMY);
      await publishMany(broker, 'game', 2);
      const d = draft(7, { note: 'é€ and "quotes"' });
      const publication = await broker.publish('game', d);
      expect(publication).toMatchObject({ epoch: broker.epoch, seq: 3, event: 'bet.placed', fields: d.fields });
      expect(Buffer.isBuffer(publication.tail)).toBe(true);
      expect(publication.tail.toString('utf8')).toBe(tailOf('game', d, 3));
    });

    it('replays exactly the publications after since, oldest first, as they were published', async () => {
      const broker = await make(ROOMY);
      const published = await publishMany(broker, 'game', 10);
      await publishMany(broker, 'cash', 3);
      const replay = await broker.after('game', 4);
      expect(seqs(replay)).toEqual(range(5, 10));
      replay!.forEach((entry, i) => {
        const original = published[4 + i];
        expect({ seq: entry.seq, event: entry.event, fields: entry.fields }).toEqual({ seq: original.seq, event: original.event, fields: original.fields });
        expect(entry.tail.equals(original.tail)).toBe(true);
      });
      expect(seqs(await broker.after('game', 0))).toEqual(range(1, 10));
      expect(seqs(await broker.after('game', 9))).toEqual([10]);
      expect(seqs(await broker.after('cash', 1))).toEqual([2, 3]);
    });

    it('gives an empty list for since = lastSeq and null for since ahead of it', async () => {
      const broker = await make(ROOMY);
      expect(await broker.after('game', 0)).toEqual([]);
      expect(await broker.after('game', 1)).toBeNull();
      await publishMany(broker, 'game', 5);
      expect(await broker.after('game', 5)).toEqual([]);
      expect(await broker.after('game', 6)).toBeNull();
      expect(await broker.after('game', 1_000_000)).toBeNull();
    });

    it('keeps tails intact byte for byte, multibyte and large ones included', async () => {
      const broker = await make(ROOMY);
      const drafts = Array.from({ length: 300 }, (_, i) => draft(i, { text: `"é€${i}"`.repeat(1 + (i % 40)) }));
      drafts.push(draft(300, { text: 'x'.repeat(200_000) }));
      for (const d of drafts) await broker.publish('markets', d);
      const replay = await broker.after('markets', 0);
      expect(replay!.map((e) => e.tail.toString('utf8'))).toEqual(drafts.map((d, i) => tailOf('markets', d, i + 1)));
    });

    it('holds no more than the hard cap: since before the held window gives null, never a partial list', async () => {
      const broker = await make({ minEvents: 5, maxAgeMs: 10 * 60_000, maxBytes: 2 ** 30, hardCap: 8 });
      await publishMany(broker, 'game', 20);
      expect(await broker.lastSeq('game')).toBe(20);
      expect(seqs(await broker.after('game', 15))).toEqual(range(16, 20));
      expect(await broker.after('game', 11)).toBeNull();
      expect(await broker.after('game', 0)).toBeNull();
      const held = await broker.after('game', 12);
      if (held !== null) expect(seqs(held)).toEqual(range(13, 20));
    });

    it('holds at least the last minEvents even when they alone exceed maxBytes', async () => {
      const broker = await make({ minEvents: 5, maxAgeMs: 10 * 60_000, maxBytes: 1, hardCap: 100 });
      await publishMany(broker, 'game', 12);
      expect(seqs(await broker.after('game', 7))).toEqual(range(8, 12));
      const more = await broker.after('game', 0);
      if (more !== null) expect(seqs(more)).toEqual(range(1, 12));
    });

    it('keeps one epoch for its whole life, and two brokers never share one', async () => {
      const one = await make(ROOMY);
      const epoch = one.epoch;
      expect(typeof epoch).toBe('string');
      expect(epoch.length).toBeGreaterThan(0);
      await publishMany(one, 'game', 3);
      expect(one.epoch).toBe(epoch);
      expect((await one.publish('cash', draft(1))).epoch).toBe(epoch);
      const other = await make(ROOMY);
      expect(other.epoch).not.toBe(epoch);
    });

    it('hands each publication to the handler once, in order, as publish returned it', async () => {
      const broker = await make(ROOMY);
      const received: { channel: Channel; seq: number; epoch: string; tail: string }[] = [];
      await broker.onPublication((channel, p) => void received.push({ channel, seq: p.seq, epoch: p.epoch, tail: p.tail.toString() }));
      const returned: { channel: Channel; seq: number; epoch: string; tail: string }[] = [];
      for (const channel of ['game', 'cash', 'game', 'game', 'cash'] as Channel[]) {
        const p = await broker.publish(channel, draft(returned.length));
        returned.push({ channel, seq: p.seq, epoch: p.epoch, tail: p.tail.toString() });
      }
      await vi.waitFor(() => expect(received.length).toBeGreaterThanOrEqual(returned.length));
      expect(received).toEqual(returned);
    });

    it('delivers to the handler registered last, and keeps what was published before any', async () => {
      const broker = await make(ROOMY);
      await publishMany(broker, 'game', 2);
      const first: number[] = [];
      const second: number[] = [];
      await broker.onPublication((_, p) => void first.push(p.seq));
      await broker.publish('game', draft(3));
      await vi.waitFor(() => expect(first).toEqual([3]));
      await broker.onPublication((_, p) => void second.push(p.seq));
      await broker.publish('game', draft(4));
      await vi.waitFor(() => expect(second).toEqual([4]));
      expect(first).toEqual([3]);
      expect(seqs(await broker.after('game', 0))).toEqual([1, 2, 3, 4]);
    });
  });
}
