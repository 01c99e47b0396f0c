/*
 * The server frames of the contract (docs/protocol.md §7, §13), written out here rather than
 * imported from lib/protocol: the suite checks the gateway against the contract, not against itself.
 */

/** Every error code a dashboard may receive. */
export const ERROR_CODES = new Set([
  'channel_not_found',
  'unauthorized',
  'invalid_params',
  'subscription_limit',
  'subscription_not_found',
  'invalid_message',
  'rate_limited',
  'alarm_not_found',
  'already_acknowledged',
  'presence_limit',
  'too_many_connections',
]);

/** Frames that answer a request (they echo its `id`). */
export const REPLY_TYPES = new Set(['response', 'error', 'pong', 'subscriptions_list', 'presence_list_response']);
/** Frames the gateway pushes on its own. */
export const PUSH_TYPES = new Set(['welcome', 'snapshot', 'event', 'presence', 'health_check']);

const CHANNELS = new Set(['game', 'cash', 'player', 'system', 'alerts', 'kpis', 'jackpots', 'markets', 'notifications']);

const isInt = (v: unknown) => Number.isSafeInteger(v);
const isStr = (v: unknown) => typeof v === 'string';
const isObj = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown) => v === undefined || typeof v === 'string' || typeof v === 'number';

/** What is wrong with a server frame by the contract, or null when it is a well-formed frame. */
export function contractViolation(f: Record<string, unknown>): string | null {
  const bad = (what: string) => `${what}: ${JSON.stringify(f).slice(0, 200)}`;
  if (!isObj(f) || !isStr(f.type)) return bad('frame without a type');
  switch (f.type) {
    case 'error':
      if (!ERROR_CODES.has(f.code as string)) return bad(`unknown error code '${String(f.code)}'`);
      if (!isStr(f.message)) return bad('error without a message');
      if (!isId(f.id)) return bad('error id neither string nor number');
      if ((f.code === 'subscription_limit' || f.code === 'presence_limit') && !(isInt(f.current) && isInt(f.limit))) return bad(`${f.code} without current/limit`);
      return null;
    case 'response':
      if (f.success !== true) return bad('response without success:true');
      return isId(f.id) ? null : bad('response id neither string nor number');
    case 'pong':
      return typeof f.ts === 'number' ? null : bad('pong without ts');
    case 'subscriptions_list':
      return Array.isArray(f.subscriptions) ? null : bad('subscriptions_list without subscriptions');
    case 'presence_list_response':
      return Array.isArray(f.users) && CHANNELS.has(f.channel as string) ? null : bad('presence_list_response without users or channel');
    case 'welcome': {
      const user = f.user as Record<string, unknown> | undefined;
      return isStr(f.session_id) && isStr(f.epoch) && isObj(user) && isStr(user!.user_id) && isStr(user!.role) ? null : bad('welcome missing fields');
    }
    case 'snapshot':
      if (!isStr(f.subscription_id) || !CHANNELS.has(f.channel as string) || !isInt(f.seq) || !Array.isArray(f.data)) return bad('snapshot missing fields');
      if (f.part !== undefined || f.parts !== undefined) {
        if (!isInt(f.part) || !isInt(f.parts) || (f.part as number) < 1 || (f.part as number) > (f.parts as number)) return bad('snapshot with bad part/parts');
      }
      return null;
    case 'event':
      return CHANNELS.has(f.channel as string) && isStr(f.event) && isStr(f.subscription_id) && isInt(f.seq) && isStr(f.id) && isStr(f.ts) && isObj(f.data)
        ? null
        : bad('event missing fields');
    case 'presence': {
      const data = f.data as Record<string, unknown> | undefined;
      if (f.event !== 'user_joined' && f.event !== 'user_left') return bad('presence with unknown event');
      return CHANNELS.has(f.channel as string) && isObj(data) && isStr(data!.user_id) && isObj(data!.user_info) ? null : bad('presence missing fields');
    }
    case 'health_check':
      return typeof f.ts === 'number' ? null : bad('health_check without ts');
    default:
      return bad(`unknown frame type '${f.type}'`);
  }
}

/** A reply reduced to what the fuzz compares: `error:<code>` for errors, else the frame type. */
export function outcomeOf(f: Record<string, unknown>): string {
  return f.type === 'error' ? `error:${String(f.code)}` : String(f.type);
}
