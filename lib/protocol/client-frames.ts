import { z } from 'zod';
import { MAX_BULK_ACK } from './alarm';
import { MAX_FRAME_DEPTH, glanceRequestId, nestsDeeperThan } from './frame-scan';

const requestId = z.union([z.string().max(200), z.number()]).optional();

/** The most `user_info` a presence join may carry, as JSON (docs/protocol.md §9). */
export const MAX_USER_INFO_BYTES = 1024;

const FLAT = 'user_info must be a flat object of strings, numbers and booleans';

/**
 * The client's part of a presence entry: a flat object of strings, numbers and booleans, at most 1 KiB
 * as JSON. `name` and `role` are accepted here but always replaced by the token's. Checked on the
 * object as parsed, own keys only, so a `__proto__` key is judged like any other instead of vanishing.
 */
export const UserInfoSchema = z.unknown().transform((raw, ctx): Record<string, string | number | boolean> => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    ctx.addIssue({ code: 'custom', message: FLAT });
    return z.NEVER;
  }
  const entries = Object.entries(raw);
  for (const [key, value] of entries) {
    if (key.length > 64) ctx.addIssue({ code: 'custom', message: 'user_info keys are at most 64 characters', path: [key.slice(0, 64)] });
    else if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') ctx.addIssue({ code: 'custom', message: FLAT, path: [key] });
  }
  if (new TextEncoder().encode(JSON.stringify(raw)).length > MAX_USER_INFO_BYTES) {
    ctx.addIssue({ code: 'custom', message: `user_info must be at most ${MAX_USER_INFO_BYTES} bytes as JSON` });
  }
  // fromEntries defines keys as own properties: a `__proto__` key stays data, never a prototype.
  return Object.fromEntries(entries) as Record<string, string | number | boolean>;
});

/** Frames a dashboard sends to `/v1/ws`, by `type` (docs/protocol.md §6). */
export const CLIENT_FRAME_SCHEMAS = {
  auth: z.object({ type: z.literal('auth'), id: requestId, token: z.string().min(1) }),
  subscribe: z.object({
    type: z.literal('subscribe'),
    id: requestId,
    channel: z.string(),
    params: z.unknown().optional(),
    since: z.number().int().nonnegative().optional(),
    epoch: z.string().optional(),
  }),
  unsubscribe: z.object({ type: z.literal('unsubscribe'), id: requestId, subscription_id: z.string() }),
  list_subscriptions: z.object({ type: z.literal('list_subscriptions'), id: requestId }),
  unsubscribe_all: z.object({ type: z.literal('unsubscribe_all'), id: requestId }),
  ping: z.object({ type: z.literal('ping'), id: requestId }),
  presence_join: z.object({
    type: z.literal('presence_join'),
    id: requestId,
    channel: z.string(),
    params: z.unknown().optional(),
    user_info: UserInfoSchema.optional(),
  }),
  presence_leave: z.object({ type: z.literal('presence_leave'), id: requestId, channel: z.string(), params: z.unknown().optional() }),
  presence_list: z.object({ type: z.literal('presence_list'), id: requestId, channel: z.string(), params: z.unknown().optional() }),
  ack: z
    .object({
      type: z.literal('ack'),
      id: requestId,
      alarm_id: z.string().min(1).optional(),
      alarm_ids: z.array(z.string().min(1).max(200)).min(1).max(MAX_BULK_ACK).optional(),
      note: z.string().max(2000).optional(),
    })
    .refine((f) => (f.alarm_id === undefined) !== (f.alarm_ids === undefined), {
      path: ['alarm_id'],
      message: `give either alarm_id or alarm_ids (1 to ${MAX_BULK_ACK} ids), not both`,
    }),
  shelve: z.object({
    type: z.literal('shelve'),
    id: requestId,
    alarm_id: z.string().min(1),
    minutes: z.number().positive().max(7 * 24 * 60),
    // ISA-18.2: shelving hides an alarm from everyone, so the reason is part of the record.
    reason: z
      .string({ error: 'a reason is required: say why the alarm is hidden (e.g. "technician on site")' })
      .trim()
      .min(1, 'a reason is required: say why the alarm is hidden (e.g. "technician on site")')
      .max(500),
  }),
  unshelve: z.object({ type: z.literal('unshelve'), id: requestId, alarm_id: z.string().min(1) }),
} as const;

export type ClientFrameType = keyof typeof CLIENT_FRAME_SCHEMAS;
export type ClientFrame = { [K in ClientFrameType]: z.infer<(typeof CLIENT_FRAME_SCHEMAS)[K]> }[ClientFrameType];
export type ClientFrameOf<K extends ClientFrameType> = z.infer<(typeof CLIENT_FRAME_SCHEMAS)[K]>;
export type RequestId = string | number | undefined;

/** The jackpot platform's authentication action, accepted as a first frame too (docs/protocol.md §3.1). */
export const AuthenticateActionSchema = z.object({
  action: z.object({ Authenticate: z.object({ auth_token: z.string().min(1) }) }),
});

export type FrameParse =
  | { ok: true; frame: ClientFrame }
  | { ok: false; id?: RequestId; code: 'invalid_message' | 'invalid_params'; message: string };

/**
 * Parses one inbound text frame. Not JSON, not an object, or an unknown `type` is `invalid_message`;
 * a known type with fields of the wrong shape is `invalid_params`. The jackpot-style Authenticate
 * action comes back as an `auth` frame.
 */
export function parseClientFrame(text: string): FrameParse {
  if (nestsDeeperThan(text, MAX_FRAME_DEPTH)) {
    return { ok: false, id: glanceRequestId(text), code: 'invalid_message', message: `Frame nests objects or arrays deeper than ${MAX_FRAME_DEPTH} levels` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, code: 'invalid_message', message: 'Frame is not valid JSON' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, code: 'invalid_message', message: 'Frame must be a JSON object with a "type"' };
  }
  const obj = raw as Record<string, unknown>;
  const id = typeof obj.id === 'string' || typeof obj.id === 'number' ? obj.id : undefined;
  if (obj.type === undefined && 'action' in obj) {
    const action = AuthenticateActionSchema.safeParse(obj);
    if (action.success) return { ok: true, frame: { type: 'auth', token: action.data.action.Authenticate.auth_token } };
    return { ok: false, code: 'invalid_message', message: 'Unknown action; only {"action":{"Authenticate":{"auth_token":…}}} is accepted' };
  }
  if (typeof obj.type !== 'string' || !Object.hasOwn(CLIENT_FRAME_SCHEMAS, obj.type)) {
    const known = Object.keys(CLIENT_FRAME_SCHEMAS).join(', ');
    return { ok: false, id, code: 'invalid_message', message: `Unknown frame type '${String(obj.type)}'; expected one of: ${known}` };
  }
  const schema = CLIENT_FRAME_SCHEMAS[obj.type as ClientFrameType];
  const parsed = schema.safeParse(obj);
  if (parsed.success) return { ok: true, frame: parsed.data as ClientFrame };
  const issue = parsed.error.issues[0];
  return { ok: false, id, code: 'invalid_params', message: `Invalid '${issue.path.join('.') || obj.type}' in ${obj.type}: ${issue.message}` };
}
