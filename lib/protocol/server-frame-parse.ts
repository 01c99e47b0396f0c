import { CHANNELS, type Channel, isChannel } from './channels';
import type { ServerFrame } from './server-frames';

/*
 * The browser's edge: every text frame from `/v1/ws` is checked here before the store sees it. Each frame
 * type's envelope is checked field by field (types, the event belonging to its channel, snapshots only on
 * stateful channels); payloads are the gateway's own, typed by the channel registry, and only checked to
 * be objects. No schema library, so the page stays small and free of `eval`.
 */

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isSeq = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const optional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || check(v);
const isId = (v: unknown) => isStr(v) || isNum(v);

const carriesEvent = (channel: Channel, event: unknown) => (CHANNELS[channel].events as readonly unknown[]).includes(event);

/** The checks of each frame type's envelope. */
const CHECKS: Record<ServerFrame['type'], (f: Obj) => boolean> = {
  welcome: (f) => isStr(f.session_id) && isStr(f.epoch) && isObj(f.user) && isNum(f.heartbeat_interval_ms),
  response: (f) => f.success === true && optional(f.id, isId) && optional(f.subscription_id, isStr) && optional(f.channel, isChannel),
  event: (f) =>
    isChannel(f.channel) && carriesEvent(f.channel, f.event) && isStr(f.subscription_id) && isSeq(f.seq) && isStr(f.id) && isStr(f.ts) && isObj(f.data),
  snapshot: (f) =>
    isChannel(f.channel) &&
    CHANNELS[f.channel].stateful &&
    isStr(f.subscription_id) &&
    isSeq(f.seq) &&
    Array.isArray(f.data) &&
    f.data.every(isObj) &&
    optional(f.part, isSeq) &&
    optional(f.parts, isSeq),
  error: (f) => isStr(f.code) && isStr(f.message) && optional(f.id, isId),
  subscriptions_list: (f) => Array.isArray(f.subscriptions) && f.subscriptions.every(isObj),
  presence: (f) => (f.event === 'user_joined' || f.event === 'user_left') && isChannel(f.channel) && isObj(f.data) && isStr(f.data.user_id),
  presence_list_response: (f) => isChannel(f.channel) && Array.isArray(f.users) && f.users.every((u) => isObj(u) && isStr(u.user_id)),
  pong: (f) => optional(f.id, isId),
  health_check: (f) => isNum(f.ts),
};

/** Whether a parsed value is a frame of a known type, shaped as that type. */
export function isServerFrame(value: unknown): value is ServerFrame {
  return isObj(value) && isStr(value.type) && Object.hasOwn(CHECKS, value.type) && CHECKS[value.type as ServerFrame['type']](value);
}

/** A frame from the gateway, or null when it is not JSON, not a known frame type, or not shaped as that type. */
export function parseServerFrame(text: string): ServerFrame | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return isServerFrame(value) ? value : null;
}
