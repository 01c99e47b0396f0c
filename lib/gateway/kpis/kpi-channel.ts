import type { PublishedEvent } from '../../protocol';
import type { Hub } from '../types';
import { type KpiMinutes, MINUTE_MS, minuteStart } from './kpi-minutes';

/** Timings of the `kpis` channel; tests shorten them. */
export interface KpiChannelOptions {
  /** How often changed minutes go out (docs/protocol.md §5.6: every 2 s). */
  intervalMs: number;
  now: () => number;
  /** Whether this node publishes the minutes (with several nodes, the one holding the `kpis` lease). */
  publishes: () => boolean;
}

const DEFAULT_OPTIONS: KpiChannelOptions = { intervalMs: 2000, now: Date.now, publishes: () => true };

/**
 * Runs the `kpis` channel on a hub: every `game`/`cash` event published is counted into `minutes`,
 * the changed and just-closed minutes go out as `kpi.minute` every interval, and the snapshot is the
 * kept hour. Returns a stop function.
 */
export function startKpiChannel(hub: Hub, minutes: KpiMinutes, options: Partial<KpiChannelOptions> = {}): () => void {
  const { intervalMs, now, publishes } = { ...DEFAULT_OPTIONS, ...options };
  const record = (event: PublishedEvent) => {
    if (event.channel === 'game' || event.channel === 'cash') minutes.record(event, now());
  };
  // Minutes that began before this node did: it saw only some of their events (the streams' tails), so
  // the totals another node published for them are the true ones.
  const wholeFrom = minuteStart(now()) + MINUTE_MS;
  const follow = (event: PublishedEvent) => {
    if (event.event === 'kpi.minute') {
      if (Date.parse(event.data.minute) < wholeFrom) minutes.adopt(event.data, now());
    } else record(event);
  };
  // Other nodes' bets and wins count too, so every node holds the floor's minutes, not its own share.
  const stopTaps = [hub.onPublish(record), hub.onRemotePublish(follow)];
  hub.setSnapshotProvider('kpis', () => minutes.recent(now()));
  const timer = setInterval(() => {
    // Every node takes its changed minutes, so a node that takes the lease over sends only what changed since.
    const changed = minutes.takeChanged(now());
    if (publishes()) for (const minute of changed) hub.publish('kpis', 'kpi.minute', minute);
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    for (const stop of stopTaps) stop();
  };
}
