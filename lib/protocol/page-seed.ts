import { type Role, ROLES, type SessionUser } from './identity';
import type { EventFrameOf } from './server-frames';
import { isServerFrame } from './server-frame-parse';

/*
 * A page rendered with data: when the floor's home is opened with a `?token=` the gateway accepts, the
 * server renders the page as the user's store would hold it had it been subscribed a while, and hands
 * the browser's store the same data, so hydration matches and the page shows its newest bets at its first
 * paint. The store then subscribes from `seq`, and the gateway replays what came after.
 */

/** A channel's newest events as of `seq`, in `epoch`'s sequence space, oldest first. */
export interface SeededEvents<F> {
  epoch: string;
  seq: number;
  frames: F[];
}

export interface PageSeed {
  /** Who the token names, as the gateway verified it. */
  user: SessionUser;
  /** The newest bets the user may see on `game`. */
  bets: SeededEvents<EventFrameOf<'bet.placed'>>;
}

/** The id of the document's element that carries the seed as JSON. */
export const PAGE_SEED_ELEMENT_ID = 'floor-monitor-seed';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function isUser(v: unknown): v is SessionUser {
  return (
    isObj(v) &&
    typeof v.user_id === 'string' &&
    typeof v.name === 'string' &&
    ROLES.includes(v.role as Role) &&
    (v.locations === undefined || (Array.isArray(v.locations) && v.locations.every((l) => typeof l === 'string')))
  );
}

const isBet = (v: unknown): v is EventFrameOf<'bet.placed'> => isServerFrame(v) && v.type === 'event' && v.event === 'bet.placed';

/** Whether a parsed value is a page seed, its frames shaped as the socket's own. */
export function isPageSeed(v: unknown): v is PageSeed {
  if (!isObj(v) || !isUser(v.user) || !isObj(v.bets)) return false;
  const { epoch, seq, frames } = v.bets;
  return typeof epoch === 'string' && Number.isSafeInteger(seq) && Array.isArray(frames) && frames.every(isBet);
}
