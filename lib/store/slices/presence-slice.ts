import type { PresenceFrame, PresenceListFrame, PresenceUser } from '@/lib/protocol';

export interface PresenceSlice {
  /** Who is online in the user's presence scope, by user id. */
  users: Record<string, PresenceUser>;
  /** Whether the first presence list has arrived. */
  loaded: boolean;
}

export const initialPresence: PresenceSlice = { users: {}, loaded: false };

/** Applies a presence list (replaces) or a join/leave event. */
export function reducePresence(slice: PresenceSlice, frames: (PresenceFrame | PresenceListFrame)[]): PresenceSlice {
  if (frames.length === 0) return slice;
  let users = slice.users;
  let loaded = slice.loaded;
  for (const f of frames) {
    if (f.type === 'presence_list_response') {
      users = {};
      for (const u of f.users ?? []) if (u && typeof u.user_id === 'string') users[u.user_id] = u;
      loaded = true;
    } else if (f.data && typeof f.data.user_id === 'string') {
      users = { ...users };
      if (f.event === 'user_left') delete users[f.data.user_id];
      else users[f.data.user_id] = f.data;
    }
  }
  return { users, loaded };
}
