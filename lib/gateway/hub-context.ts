import type { Channel } from '../protocol';
import { LIMITS } from '../protocol';
import type { Logger } from '../runtime/logger';
import type { Metrics } from '../runtime/metrics';
import type { TokenAuthority } from './auth';
import type { Connection } from './connection';
import type { Broker } from './broker/broker';
import { MemoryBroker } from './broker/memory-broker';
import { ExpirySchedule } from './expiry-schedule';
import { DEFAULT_HISTORY, type HistoryOptions } from './history';
import { PresenceRoster } from './presence';
import type { PresenceStore } from './presence-store';
import { SubscriptionRegistry } from './subscription-registry';
import type { AlarmActions, SnapshotProvider } from './types';

/** Timings and bounds of the hub; tests shorten them, production keeps the values of docs/protocol.md §3.5. */
export interface HubOptions {
  heartbeatIntervalMs: number;
  authTimeoutMs: number;
  maxUnsentBytes: number;
  /** How long a slow consumer gets to read its close frame before the socket is destroyed. */
  slowConsumerGraceMs: number;
  /** Retention of the memory broker's history (unused when the hub is given another broker). */
  history: HistoryOptions;
  /** Open connections one user may hold at once (`MAX_CONNECTIONS_PER_USER`). */
  maxConnectionsPerUser: number;
  /**
   * Browser origins allowed to open `/v1/ws` (`ALLOWED_ORIGINS`) besides the page's own, which the request
   * names in `Host`. Requests without `Origin` (services) are not browsers and pass.
   */
  allowedOrigins: readonly string[] | null;
  /** Largest snapshot frame; bigger snapshots go in parts, each sent once the previous one is written. */
  maxSnapshotPartBytes: number;
}

/** The values of docs/protocol.md §3.5 and §8. */
export const DEFAULT_HUB_OPTIONS: HubOptions = {
  heartbeatIntervalMs: LIMITS.heartbeatIntervalMs,
  authTimeoutMs: LIMITS.authTimeoutMs,
  maxUnsentBytes: LIMITS.maxUnsentBytes,
  slowConsumerGraceMs: 3000,
  history: DEFAULT_HISTORY,
  maxConnectionsPerUser: 100,
  allowedOrigins: null,
  maxSnapshotPartBytes: LIMITS.maxSnapshotPartBytes,
};

/** What the hub's parts share: one per hub instance. */
export interface HubContext {
  /** Publish, seqs, epoch, history and replay. */
  readonly broker: Broker;
  readonly tokens: TokenAuthority;
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly options: HubOptions;
  readonly registry: SubscriptionRegistry<Connection>;
  readonly presence: PresenceStore<Connection>;
  readonly snapshots: Map<Channel, SnapshotProvider>;
  readonly connections: Set<Connection>;
  alarmActions: AlarmActions | null;
  /** Whether a location is on the floor; presence scopes must name one. Until a floor is set, any is. */
  isLocation: (locationId: string) => boolean;
  /** Ends a connection whose handling threw: logs it and closes with 1011 (set by the hub). */
  failConnection: (conn: Connection, err: unknown) => void;
  /** Closes a connection whose unsent buffer passed `maxUnsentBytes` with 1013 (set by the hub). */
  cutSlowConsumer: (conn: Connection) => void;
  /** Closes a connection whose token expired with 4401 (set by the hub). */
  expireToken: (conn: Connection) => void;
  /** Every connection's token expiry, on one timer (calls `expireToken`). */
  readonly expiries: ExpirySchedule<Connection>;
  /** Authenticated connections per user id, for `MAX_CONNECTIONS_PER_USER`. */
  readonly connectionsByUser: Map<string, number>;
}

/**
 * Builds the shared state of a hub; without a broker it keeps history in memory, as `options.history`
 * says, and without a presence store it keeps presence in memory.
 */
export function createHubContext(
  deps: { tokens: TokenAuthority; metrics: Metrics; logger: Logger; broker?: Broker; presence?: PresenceStore<Connection> },
  options: HubOptions,
): HubContext {
  const { broker = new MemoryBroker(options.history), presence = new PresenceRoster<Connection>(), ...rest } = deps;
  const ctx: HubContext = {
    broker,
    ...rest,
    options,
    registry: new SubscriptionRegistry<Connection>(),
    presence,
    snapshots: new Map(),
    connections: new Set(),
    alarmActions: null,
    isLocation: () => true,
    failConnection: (conn) => conn.ws.terminate(),
    cutSlowConsumer: (conn) => conn.ws.terminate(),
    expireToken: (conn) => conn.ws.terminate(),
    expiries: new ExpirySchedule<Connection>((conn) => ctx.expireToken(conn)),
    connectionsByUser: new Map(),
  };
  return ctx;
}
