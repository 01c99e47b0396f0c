import type { SnapshotProvider } from '../gateway/types';
import type { PublishedEvent } from '../protocol';
import { createBadInputReporter } from './bad-input';
import { type Connector, type ConnectorOptions, observeEvent } from './connector';
import type { DedupStore } from './dedup-store';
import { DedupWindow } from './dedup-window';
import { hash53 } from './hash';
import { createInOrder } from './in-order';
import { createJackpotEvents, type JackpotParse } from './jackpot-events';
import { createUpstream } from './upstream';

/** Jackpot event ids remembered by default, in this process's memory. */
export const JACKPOT_DEDUP_CAPACITY = 500_000;

type JackpotEvent = Extract<JackpotParse, { ok: true }>;

/**
 * The jackpot-format source (docs/protocol.md §12.2): authenticates, dedups by `event_id` (in `dedup`,
 * shared by every node with Redis), publishes on `jackpots`, raises payout alarms.
 */
export function createJackpotConnector({ deps, timing, currency, dedup }: ConnectorOptions & { currency?: string; dedup?: DedupStore }): Connector & { snapshot: SnapshotProvider; follow(event: PublishedEvent): void } {
  const events = createJackpotEvents({ currency });
  const seen: DedupStore = dedup ?? new DedupWindow({ capacity: JACKPOT_DEDUP_CAPACITY });
  const reportBadInput = createBadInputReporter('jackpot', deps);
  let token: string | undefined;

  // Events apply in arrival order; with a shared store, those arriving during a round trip are decided together.
  const take = createInOrder<{ event: JackpotEvent; receivedAt: number }, boolean[]>({
    decide: (frames) => seen.addMany(frames.map((f) => hash53(f.event.eventId))),
    apply(frames, fresh) {
      frames.forEach(({ event, receivedAt }, i) => {
        if (!fresh[i]) return;
        const outcome = events.apply(event);
        for (const { channel, event: name, data } of outcome.publish) deps.publisher.publish(channel, name, data, { id: event.eventId });
        if (outcome.alarm) void deps.alarms.raise(outcome.alarm);
        upstream.markEvent();
        observeEvent(deps, 'jackpot', receivedAt);
      });
    },
    onError: (err, frames) => deps.logger.warn({ err: String(err), dropped: frames.length }, 'jackpot events dropped: the shared dedup store did not answer'),
  });

  const upstream = createUpstream({
    name: 'jackpot',
    deps,
    timing,
    onOpen: (send) => send({ action: { Authenticate: { auth_token: token ?? '' } } }),
    onFrame(text, receivedAt) {
      const parsed = events.parse(text);
      if (!parsed.ok) return reportBadInput(parsed.reason, parsed.detail);
      take({ event: parsed, receivedAt });
    },
  });

  const start = (url: string, platformToken?: string) => {
    token = platformToken;
    upstream.start(url);
  };
  /**
   * Another node's jackpot event: its pot becomes this node's state, and its `event_id` counts as seen, so
   * a node that takes the source over does not publish the upstream's replay of it again.
   */
  function follow(event: PublishedEvent): void {
    if (event.channel !== 'jackpots') return;
    // A shared store already holds the id: the publishing node recorded it there.
    if (!seen.shared) void seen.add(hash53(event.id));
    if (event.event === 'jackpot.updated') events.follow(event.data);
  }
  return { name: 'jackpot', start, health: upstream.health, close: upstream.close, snapshot: (params) => events.snapshot(params), follow };
}
