import type { Channel, Floor, PublishedEvent } from '../protocol';
import type { Config } from '../runtime/config';
import type { AlarmInputs } from '../gateway/alarms/types';
import type { Publisher, SnapshotProvider } from '../gateway/types';
import type { Logger } from '../runtime/logger';
import type { Metrics } from '../runtime/metrics';
import type { SourceStores } from './source-stores';

/** One upstream's state as `/api/health` reports it. */
export interface SourceHealth {
  connected: boolean;
  last_event_at: string | null;
}

/** Everything a source needs from the gateway. */
export interface SourceDeps {
  publisher: Publisher;
  alarms: AlarmInputs;
  metrics: Metrics;
  logger: Logger;
}

/** Result of one ingest batch (docs/protocol.md §11.1). */
export type IngestResult =
  | { ok: true; accepted: number; published: number }
  | {
      ok: false;
      items: { index: number; message: string }[];
      /** `too_large` for over 1000 items (413); otherwise the failure is `invalid_items` (400). */
      error?: 'invalid_items' | 'too_large';
      /** What is wrong with the batch as a whole (no items, no `items` array). */
      message?: string;
    };

/** The gateway's upstream side: HTTP ingest, the three connectors, and the state they keep. */
export interface Sources {
  /**
   * Applies one parsed ingest body (`{"items":[…]}`): refused whole when any item is invalid, else every
   * item applied (a large batch over a few turns of the loop) before the promise settles.
   */
  ingest(body: unknown): Promise<IngestResult>;
  /** Each connector's state for `/api/health`, by source name. */
  health(): Record<string, SourceHealth>;
  /**
   * Follows an event another node of the floor published (docs/protocol.md §10): device states, pots and
   * markets change here as they did there, so this node's snapshots match, and a source this node takes
   * over does not publish what was already published.
   */
  follow(event: PublishedEvent): void;
  /** Snapshot providers for the stateful channels the sources keep (system, jackpots, markets). */
  snapshotProviders(): [Channel, SnapshotProvider][];
  /** Whether a location is on the floor (`FLOOR_FILE` or the mock's). */
  hasLocation(locationId: string): boolean;
  /** Connects the configured upstreams; mock URLs are resolved against `baseUrl`. */
  start(baseUrl: string): void;
  /**
   * Each upstream that has an endpoint (configured, else the mock's on `baseUrl`) as a duty the composition
   * root runs on one node of the floor at a time (docs/protocol.md §10); instead of `start`, never with it.
   */
  upstreams(baseUrl: string): UpstreamDuty[];
  close(): Promise<void>;
}

/** The upstream platforms the gateway can connect to. */
export type UpstreamName = 'exchange' | 'jackpot' | 'casino';

/** One upstream connection: `start` connects (and keeps reconnecting), `stop` closes; it may start again after a stop. */
export interface UpstreamDuty {
  name: UpstreamName;
  start(): void;
  stop(): Promise<void>;
}

/** Where an upstream is reached, and the token it asks for (jackpot and casino platforms). */
export interface UpstreamEndpoint {
  url: string;
  token?: string;
}

export interface SourcesOptions extends SourceDeps {
  config: Config;
  /** The floor used as the registry when no `FLOOR_FILE` is set (the embedded mock's), or none. */
  defaultFloor: Floor | null;
  /**
   * Where an upstream whose URL is not configured is found on this port (the embedded mock's endpoints),
   * resolved against the gateway's base URL at start; absent or null leaves that source unconfigured.
   */
  defaultUpstream?: (name: UpstreamName, baseUrl: string) => UpstreamEndpoint | null;
  /** Where dedup ids and bets awaiting their wins are kept; this process's memory by default (`redisSourceStores` to share them). */
  stores?: SourceStores;
}
