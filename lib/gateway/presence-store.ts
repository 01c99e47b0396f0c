import type { Channel, PresenceFrame, PresenceUser } from '../protocol';

/** A presence scope (docs/protocol.md §9): a channel, narrowed to one location when the join names one. */
export interface PresenceScope {
  channel: Channel;
  location_id?: string;
}

/** A store's answer: at once (in memory), or once a shared store replies. */
export type StoreAnswer<T> = T | Promise<T>;

/** A join or leave that this process's subscribers must hear but no call of theirs returned. */
export interface PresenceAnnouncement {
  event: PresenceFrame['event'];
  scope: PresenceScope;
  user: PresenceUser;
}

/**
 * Who is present where (as centrifuge's `PresenceManager`). `PresenceRoster` is the in-memory implementation.
 *
 * Guarantees every implementation gives:
 * - **Per user, per scope.** A scope lists each user once, however many of their connections joined it,
 *   with the entry of their first join; the user stays listed while any of those connections is joined.
 *   Scopes are apart: the same channel with another location, or with none, is another scope.
 * - **First and last.** `join` says `first` exactly when the user was not listed in the scope before;
 *   `leave` and `leaveAll` return the user exactly when that was their last connection there, so a
 *   join or leave is announced once per user, not per tab. Leaving a scope not joined changes nothing.
 *   Callers name the user a connection joined as (`userId` of `leave` and `leaveAll`); a connection is one user's.
 * - **Per connection.** `scopeCount`, `isJoined` and `scopesOf` answer for one connection; after
 *   `leaveAll` it is joined nowhere, and listing returns to what it was before it joined.
 * - `list` promises no order. `connections` yields each connection joined to a scope once.
 *
 * Shared implementations (Redis, shared by several gateway nodes) answer `join`, `leave`, `leaveAll` and
 * `list` with promises. The per-connection calls (`scopeCount`, `isJoined`, `scopesOf`, `connections`)
 * concern this process's connections and stay synchronous: they reflect every call already made, even
 * before its promise settles, and the calls made for one connection take effect in the order they were
 * made, so a caller may issue a leave behind a join without waiting for it. Joins and leaves that another
 * node decided, or that a sweep of a dead node's users decided, reach this process through
 * `onAnnouncement`, once per cluster; the answer to a call of this process is never announced there too.
 * The conformance suite (`presenceStoreConformance`) awaits every call.
 */
export interface PresenceStore<Conn> {
  /** Joins a connection; `first` is true when the user was not present in the scope before. */
  join(scope: PresenceScope, conn: Conn, user: PresenceUser): StoreAnswer<{ first: boolean; user: PresenceUser }>;
  /** Takes a connection out of a scope; returns the user when that was their last connection there. */
  leave(scope: PresenceScope, conn: Conn, userId: string): StoreAnswer<PresenceUser | null>;
  /** Takes a closing connection out of every scope; returns the scopes its user has now left. */
  leaveAll(conn: Conn, userId: string): StoreAnswer<{ scope: PresenceScope; user: PresenceUser }[]>;
  /** How many scopes a connection is joined to. */
  scopeCount(conn: Conn): number;
  /** Whether a connection is joined to a scope. */
  isJoined(scope: PresenceScope, conn: Conn): boolean;
  /** The scopes a connection is joined to. */
  scopesOf(conn: Conn): PresenceScope[];
  /** The users present in a scope, one entry per user. */
  list(scope: PresenceScope): StoreAnswer<PresenceUser[]>;
  /** Every connection joined to a scope. */
  connections(scope: PresenceScope): Iterable<Conn>;
  /**
   * Announcements decided outside this process's calls (another node's joins and leaves, departures of a
   * dead node's users); a store of one process has none. Returns a function that stops listening.
   */
  onAnnouncement?(listener: (announcement: PresenceAnnouncement) => void): () => void;
}
