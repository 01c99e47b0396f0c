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
