import { z } from 'zod';
import type { AlarmInputs } from '../gateway/alarms/types';
import type { BadInputReporter } from './bad-input';
import type { DedupStore } from './dedup-store';
import type { FloorEvents } from './floor-events';
import { type FloorItem, parseFloorItem } from './floor-items';
import { hash53 } from './hash';
import type { IngestResult } from './types';

/** Most items one `POST /api/v1/events` may carry (contract section 7). */
export const MAX_INGEST_ITEMS = 1000;

const BodySchema = z.object({ items: z.array(z.unknown()) });

export interface IngestDeps {
  floorEvents: FloorEvents;
  dedup: DedupStore;
  reportBadInput: BadInputReporter;
  /** Commits the alarms a batch raises or clears together (one fsync), before any of them is broadcast. */
  alarmBatch: AlarmInputs['batch'];
  /** Called with the number of items of each accepted batch. */
  onAccepted(count: number): void;
}

/** The HTTP ingest's batch logic: validate every item, then apply all or none. */
export function createIngest({ floorEvents, dedup, reportBadInput, alarmBatch, onAccepted }: IngestDeps) {
  return function ingest(body: unknown): IngestResult {
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

    let published = 0;
    alarmBatch(() => {
      for (const item of parsed) {
        if (!dedup.add(hash53(item.id))) continue;
        floorEvents.apply(item);
        published++;
      }
    });
    onAccepted(raw.length);
    return { ok: true, accepted: raw.length, published };
  };
}
