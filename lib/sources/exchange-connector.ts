import type { SnapshotProvider } from '../gateway/types';
import type { PublishedEvent } from '../protocol';
import { createBadInputReporter } from './bad-input';
import { type Connector, type ConnectorOptions, isoFromEpoch, observeEvent } from './connector';
import { parseExchangeFrame } from './exchange-frames';
import { createExchangeState } from './exchange-state';
import { DedupWindow } from './dedup-window';
import { hash53, stableId } from './hash';
import { createUpstream } from './upstream';

/** How many published frames are remembered to drop a replay of one (a reconnect replays the current state). */
const SEEN_FRAMES = 100_000;

/** No frame at all (health_check included) for this long means the link is dead (docs/protocol.md §12.1). */
const EXCHANGE_STALE_MS = 15_000;

/** The exchange-format source (docs/protocol.md §12.1): keeps the market state and publishes its changes on `markets`. */
export function createExchangeConnector({ deps, timing }: ConnectorOptions): Connector & { snapshot: SnapshotProvider; follow(event: PublishedEvent): void } {
  const state = createExchangeState();
  const reportBadInput = createBadInputReporter('exchange', deps);
  /** Frames already published, by the hash of their text (the event id): an upstream's replay after a reconnect, or one another node published. */
  const seen = new DedupWindow({ capacity: SEEN_FRAMES });

  const upstream = createUpstream({
    name: 'exchange',
    deps,
    timing: { staleMs: EXCHANGE_STALE_MS, ...timing },
    onFrame(text, receivedAt) {
      const frame = parseExchangeFrame(text);
      if (frame.kind === 'keepalive' || frame.kind === 'ignored') return;
      if (frame.kind === 'bad') return reportBadInput(frame.reason, frame.detail);
      const id = stableId('ex', text);
      if (!seen.add(hash53(id))) return void deps.metrics.drops.inc({ reason: 'duplicate' });
      const outcome = state.apply(frame.changeType, frame.op, frame.payload);
      if (!outcome.ok) {
        if (outcome.reason === 'stale') deps.metrics.drops.inc({ reason: 'stale_sequence' });
        else reportBadInput(outcome.reason, outcome.detail);
        return;
      }
      deps.publisher.publish('markets', outcome.event, outcome.data, { id, ts: isoFromEpoch(frame.timestamp) });
      upstream.markEvent();
      observeEvent(deps, 'exchange', receivedAt);
    },
  });

  return {
    name: 'exchange',
    start: upstream.start,
    health: upstream.health,
    close: upstream.close,
    snapshot: (params, user) => state.snapshot(params, user),
    /** Another node's market event: applied to this node's state, so its snapshot and stale checks match the holder's. */
    follow(event) {
      if (event.channel !== 'markets') return;
      seen.add(hash53(event.id));
      state.follow(event);
    },
  };
}
