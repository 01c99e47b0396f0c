import type { SnapshotProvider } from '../gateway/types';
import type { PublishedEvent } from '../protocol';
import { createBadInputReporter } from './bad-input';
import { type Connector, type ConnectorOptions, isoFromEpoch, observeEvent } from './connector';
import { parseExchangeFrame } from './exchange-frames';
import { createExchangeState } from './exchange-state';
import { stableId } from './hash';
import { createUpstream } from './upstream';

/** No frame at all (health_check included) for this long means the link is dead (docs/protocol.md §12.1). */
const EXCHANGE_STALE_MS = 15_000;

/** The exchange-format source (docs/protocol.md §12.1): keeps the market state and publishes its changes on `markets`. */
export function createExchangeConnector({ deps, timing }: ConnectorOptions): Connector & { snapshot: SnapshotProvider; follow(event: PublishedEvent): void } {
  const state = createExchangeState();
  const reportBadInput = createBadInputReporter('exchange', deps);

  const upstream = createUpstream({
    name: 'exchange',
    deps,
    timing: { staleMs: EXCHANGE_STALE_MS, ...timing },
    onFrame(text, receivedAt) {
      const frame = parseExchangeFrame(text);
      if (frame.kind === 'keepalive' || frame.kind === 'ignored') return;
      if (frame.kind === 'bad') return reportBadInput(frame.reason, frame.detail);
      const outcome = state.apply(frame.changeType, frame.op, frame.payload);
      if (!outcome.ok) {
        if (outcome.reason === 'stale') deps.metrics.drops.inc({ reason: 'stale_sequence' });
        else reportBadInput(outcome.reason, outcome.detail);
        return;
      }
      deps.publisher.publish('markets', outcome.event, outcome.data, { id: stableId('ex', text), ts: isoFromEpoch(frame.timestamp) });
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
      if (event.channel === 'markets') state.follow(event);
    },
  };
}
