/** The four roles a token may carry (docs/protocol.md §2). */
export const ROLES = ['operator', 'manager', 'sportsbook', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Every permission the gateway checks. */
export const PERMISSIONS = [
  'game.read',
  'cash.read',
  'player.read',
  'system.read',
  'alerts.read',
  'jackpots.read',
  'markets.read',
  'alerts.ack',
  'notifications.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const FLOOR_READ: Permission[] = ['game.read', 'cash.read', 'player.read', 'system.read', 'alerts.read', 'jackpots.read'];

/** The role × permission matrix of docs/protocol.md §2. */
export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  operator: new Set([...FLOOR_READ, 'notifications.read']),
  manager: new Set([...FLOOR_READ, 'markets.read', 'alerts.ack', 'notifications.read']),
  sportsbook: new Set(['markets.read', 'notifications.read']),
  admin: new Set(PERMISSIONS),
};

/** Whether a role holds a permission. */
export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}


/** The user a connection acts as, as sent in `welcome`. */
export interface SessionUser {
  user_id: string;
  name: string;
  role: Role;
  /** Location ids the user may see; undefined means all. */
  locations?: string[];
}

/**
 * The location-scope rule, the one place it is written: a user without a `locations` claim sees every
 * location; a user with one sees only those, and nothing that has no location (a device the floor
 * registry does not know, a KPI minute of unknown devices). Snapshots, events, alarm actions, alarm
 * lists and notifications all ask here; the subscription matcher folds the same claim into a set once.
 */
export function seesLocation(user: Pick<SessionUser, 'locations'>, locationId: string | null): boolean {
  return !user.locations || (locationId !== null && user.locations.includes(locationId));
}

/** The asked locations the user's claim does not cover (none for a user without a claim). */
export function locationsOutside(user: Pick<SessionUser, 'locations'>, asked: readonly string[]): string[] {
  return asked.filter((locationId) => !seesLocation(user, locationId));
}
