import type { PresenceUser } from '../protocol';
import type { PresenceScope, PresenceStore } from './presence-store';

export type { PresenceScope } from './presence-store';

interface Member<Conn> {
  user: PresenceUser;
  connections: Set<Conn>;
}

/** The key a scope is stored under. */
export function scopeKey(scope: PresenceScope): string {
  return `${scope.channel}\u0000${scope.location_id ?? ''}`;
}

/** Who is present where: one entry per user per scope, alive while any of that user's connections stays joined. */
export class PresenceRoster<Conn> implements PresenceStore<Conn> {
  private readonly scopes = new Map<string, { scope: PresenceScope; members: Map<string, Member<Conn>> }>();
  private readonly joinedBy = new Map<Conn, Set<string>>();

  /** Joins a connection; `first` is true when the user was not present in the scope before. */
  join(scope: PresenceScope, conn: Conn, user: PresenceUser): { first: boolean; user: PresenceUser } {
    const key = scopeKey(scope);
    let entry = this.scopes.get(key);
    if (!entry) this.scopes.set(key, (entry = { scope, members: new Map() }));
    let member = entry.members.get(user.user_id);
    const first = !member;
    if (!member) entry.members.set(user.user_id, (member = { user, connections: new Set() }));
    member.connections.add(conn);
    let keys = this.joinedBy.get(conn);
    if (!keys) this.joinedBy.set(conn, (keys = new Set()));
    keys.add(key);
    return { first, user: member.user };
  }

  /** Takes a connection out of a scope; returns the user when that was their last connection there. */
  leave(scope: PresenceScope, conn: Conn, userId: string): PresenceUser | null {
    const key = scopeKey(scope);
    this.joinedBy.get(conn)?.delete(key);
    return this.leaveKey(key, conn, userId);
  }

  /** Takes a closing connection out of every scope; returns the scopes its user has now left. */
  leaveAll(conn: Conn, userId: string): { scope: PresenceScope; user: PresenceUser }[] {
    const keys = this.joinedBy.get(conn);
    this.joinedBy.delete(conn);
    const left: { scope: PresenceScope; user: PresenceUser }[] = [];
    for (const key of keys ?? []) {
      const scope = this.scopes.get(key)?.scope;
      const user = this.leaveKey(key, conn, userId);
      if (user && scope) left.push({ scope, user });
    }
    return left;
  }

  /** How many scopes a connection is joined to. */
  scopeCount(conn: Conn): number {
    return this.joinedBy.get(conn)?.size ?? 0;
  }

  /** Whether a connection is joined to a scope. */
  isJoined(scope: PresenceScope, conn: Conn): boolean {
    return this.joinedBy.get(conn)?.has(scopeKey(scope)) ?? false;
  }

  /** The scopes a connection is joined to. */
  scopesOf(conn: Conn): PresenceScope[] {
    const scopes: PresenceScope[] = [];
    for (const key of this.joinedBy.get(conn) ?? []) {
      const scope = this.scopes.get(key)?.scope;
      if (scope) scopes.push(scope);
    }
    return scopes;
  }

  /** The users present in a scope, one entry per user. */
  list(scope: PresenceScope): PresenceUser[] {
    return [...(this.scopes.get(scopeKey(scope))?.members.values() ?? [])].map((m) => m.user);
  }

  /** Every connection joined to a scope. */
  *connections(scope: PresenceScope): Iterable<Conn> {
    for (const member of this.scopes.get(scopeKey(scope))?.members.values() ?? []) yield* member.connections;
  }

  /** Every user present in a scope here, with how many of this store's connections hold them there. */
  *memberships(): Iterable<{ scope: PresenceScope; user: PresenceUser; connections: number }> {
    for (const { scope, members } of this.scopes.values()) {
      for (const member of members.values()) yield { scope, user: member.user, connections: member.connections.size };
    }
  }

  private leaveKey(key: string, conn: Conn, userId: string): PresenceUser | null {
    const entry = this.scopes.get(key);
    const member = entry?.members.get(userId);
    if (!entry || !member || !member.connections.delete(conn)) return null;
    if (member.connections.size > 0) return null;
    entry.members.delete(userId);
    if (entry.members.size === 0) this.scopes.delete(key);
    return member.user;
  }
}
