import { z } from 'zod';
import { createBadInputReporter } from './bad-input';
import { type Connector, type ConnectorOptions, observeEvent } from './connector';
import type { DedupStore } from './dedup-store';
import { type DecidedBatch, decideFloorBatch } from './floor-batch';
import type { FloorEvents } from './floor-events';
import { type FloorItem, parseFloorItem } from './floor-items';
import { createInOrder } from './in-order';
import { createUpstream } from './upstream';

/** The casino platform's channels (docs/protocol.md §12.3); the connector subscribes to all of them. */
export const CASINO_CHANNELS = ['game', 'cash', 'alerts', 'system', 'player'] as const;

/** Control frames the casino answers with (subscription responses, pongs, errors): not events. */
const ControlSchema = z.object({ type: z.string() });

/** Adds the casino token to the URL's query, as the casino platform expects it on connect. */
export function casinoUrl(base: string, token: string | undefined): string {
  const url = new URL(base);
  if (token) url.searchParams.set('token', token);
  return url.toString();
}

/** The casino-format source (docs/protocol.md §12.3): subscribes to its channels and maps its events exactly as the HTTP ingest does. */
export function createCasinoConnector(opts: ConnectorOptions & { floorEvents: FloorEvents; dedup: DedupStore }): Connector {
  const { deps, floorEvents, dedup } = opts;
  const reportBadInput = createBadInputReporter('casino', deps);
  // Frames apply in arrival order; with shared stores, those arriving during a round trip are decided together.
  const take = createInOrder<{ item: FloorItem; receivedAt: number }, DecidedBatch>({
    decide: (frames) => decideFloorBatch(frames.map((f) => f.item), dedup, floorEvents),
    apply(frames, { fresh, book }) {
      frames.forEach(({ item, receivedAt }, i) => {
        if (!fresh[i]) return;
        floorEvents.apply(item, book);
        upstream.markEvent();
        observeEvent(deps, 'casino', receivedAt);
      });
    },
    onError: (err, frames) => deps.logger.warn({ err: String(err), dropped: frames.length }, 'casino events dropped: the shared dedup or pairing store did not answer'),
  });

  const upstream = createUpstream({
    name: 'casino',
    deps,
    timing: opts.timing,
    onOpen(send) {
      for (const channel of CASINO_CHANNELS) send({ type: 'subscribe', id: `sub-${channel}`, channel });
    },
    onFrame(text, receivedAt) {
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        return reportBadInput('invalid_json', text.slice(0, 100));
      }
      if (ControlSchema.safeParse(raw).success && !(raw as { event?: unknown }).event) return;
      const parsed = parseFloorItem(raw, { casinoAlerts: true });
      if (!parsed.ok) return reportBadInput(parsed.reason, parsed.message);
      take({ item: parsed.item, receivedAt });
    },
  });

  return { name: 'casino', start: (url, token) => upstream.start(casinoUrl(url, token)), health: upstream.health, close: upstream.close };
}
