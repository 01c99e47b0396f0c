import { z } from 'zod';
import type { AlarmInputs } from '../gateway/alarms/types';
import type { BadInputReporter } from './bad-input';
import type { DedupStore } from './dedup-store';
import { decideFloorBatch } from './floor-batch';
import type { FloorEvents } from './floor-events';
import { type FloorItem, parseFloorItem } from './floor-items';
import { isPending } from './maybe';
import type { IngestResult } from './types';

/** Most items one `POST /api/v1/events` may carry (docs/protocol.md §11.1). */
export const MAX_INGEST_ITEMS = 1000;

/**
 * How long one turn of applying a batch may hold the event loop. A batch that raises hundreds of alarms
 * costs tens of milliseconds; past this budget the items so far commit (one transaction, one fsync) and
 * the rest follow on the next turn, so sockets, heartbeats and other requests are served in between.
 */
export const APPLY_SLICE_MS = 8;

/** Items applied between two looks at the clock. */
const CLOCK_EVERY = 32;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Compiled once (`z.compile`), as the items' schemas are (`floor-items.ts`). */
const BodySchema = z.compile(z.object({ items: z.array(z.unknown()) }));

export interface IngestDeps {
  floorEvents: FloorEvents;
  dedup: DedupStore;
  reportBadInput: BadInputReporter;
  /** Commits the alarms a batch raises or clears together (one fsync), before any of them is broadcast. */
  alarmBatch: AlarmInputs['batch'];
  /** Called with the number of items of each accepted batch. */
  onAccepted(count: number): void;
  /** The slice budget (`APPLY_SLICE_MS` unless a test sets it). */
  sliceMs?: number;
}

/**
 * The HTTP ingest's batch logic: validate every item, then apply all or none. The answer comes once every
 * item is applied and its alarms are on disk. Dedup and pairing are decided for the whole batch before
 * any of it is applied: at once on memory stores, in a round trip each on shared ones.
 */
export function createIngest({ floorEvents, dedup, reportBadInput, alarmBatch, onAccepted, sliceMs = APPLY_SLICE_MS }: IngestDeps) {
  /**
   * Applies valid items in order, in as few turns of the loop as the slice budget allows. Each turn's
   * alarms commit together before any of them is broadcast; an item already seen (by id, on any node) is skipped.
   */
  async function applyAll(items: FloorItem[], sliceMs: number): Promise<number> {
    // A large batch starts on a turn of its own: reading and validating the body already took this one.
    if (items.length > CLOCK_EVERY) await nextTurn();
    const decision = decideFloorBatch(items, dedup, floorEvents);
    // Memory stores answer at once, so a small batch is applied in the turn it arrived in, as it always was.
    const { fresh, book } = isPending(decision) ? await decision : decision;
    let published = 0;
    let next = 0;
    while (next < items.length) {
      const started = performance.now();
      // The turn's events are handed to the hub together (their tails encoded at once), before its alarms.
      await alarmBatch(() =>
        floorEvents.inBatch(() => {
          while (next < items.length) {
            const at = next++;
            if (fresh[at]) {
              floorEvents.apply(items[at], book);
              published++;
            }
            if (next % CLOCK_EVERY === 0 && performance.now() - started > sliceMs) return;
          }
        }),
      );
      if (next < items.length) await nextTurn();
    }
    return published;
  }

  return async function ingest(body: unknown): Promise<IngestResult> {
    const envelope = BodySchema.safeParse(body);
    if (!envelope.success) {
      reportBadInput('invalid_body', 'body without an items array');
      return { ok: false, error: 'invalid_items', items: [], message: 'The body must be an object {"items":[…]} with 1 to 1000 events' };
    }
    const raw = envelope.data.items;
    if (raw.length === 0) return { ok: false, error: 'invalid_items', items: [], message: 'items is empty: send 1 to 1000 events' };
    if (raw.length > MAX_INGEST_ITEMS) return { ok: false, error: 'too_large', items: [], message: `items holds ${raw.length} events; at most ${MAX_INGEST_ITEMS} are allowed` };

    const parsed: FloorItem[] = new Array(raw.length);
    const errors: { index: number; message: string }[] = [];
    for (let i = 0; i < raw.length; i++) {
      const r = parseFloorItem(raw[i]);
      if (r.ok) parsed[i] = r.item;
      else errors.push({ index: i, message: r.message });
    }
    if (errors.length > 0) {
      reportBadInput('invalid_item', `items[${errors[0].index}]: ${errors[0].message}`, errors.length);
      return { ok: false, error: 'invalid_items', items: errors };
    }

    const published = await applyAll(parsed, sliceMs);
    onAccepted(raw.length);
    return { ok: true, accepted: raw.length, published };
  };
}
