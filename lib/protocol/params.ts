import { z } from 'zod';
import { ALARM_STATES, SEVERITIES } from './alarm';
import { CHANNELS, type Channel } from './channels';

const id = z.string().min(1).max(200);
const ids = z.array(id).min(1).max(500);
/** Exchange ids are integers upstream; accept them as numbers or digit strings and keep numbers. */
const exchangeId = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);

const FILTER_SCHEMAS = {
  location_id: id,
  location_ids: ids,
  device_id: id,
  device_ids: ids,
  game_id: id,
  player_id: id,
  user_id: id,
  min_amount: z.number().nonnegative(),
  severities: z.array(z.enum(SEVERITIES)).min(1),
  states: z.array(z.enum(ALARM_STATES)).min(1),
  instance_id: id,
  instance_ids: ids,
  sport_event_id: exchangeId,
  sport_event_ids: z.array(exchangeId).min(1).max(500),
  market_id: exchangeId,
} as const;

/** Filter params after validation; every key optional. */
export interface ChannelParams {
  location_id?: string;
  location_ids?: string[];
  device_id?: string;
  device_ids?: string[];
  game_id?: string;
  player_id?: string;
  user_id?: string;
  min_amount?: number;
  severities?: string[];
  states?: string[];
  instance_id?: string;
  instance_ids?: string[];
  sport_event_id?: number;
  sport_event_ids?: number[];
  market_id?: number;
  events?: string[];
}

function buildParamsSchema(channel: Channel) {
  const def = CHANNELS[channel];
  const shape: Record<string, z.ZodType> = {};
  for (const key of def.filters) {
    shape[key] =
      key === 'events'
        ? z.array(z.enum(def.events as unknown as [string, ...string[]])).min(1)
        : FILTER_SCHEMAS[key as keyof typeof FILTER_SCHEMAS];
  }
  return z.strictObject(shape).partial();
}

const PARAMS_SCHEMAS = Object.fromEntries(
  (Object.keys(CHANNELS) as Channel[]).map((c) => [c, buildParamsSchema(c)]),
) as Record<Channel, ReturnType<typeof buildParamsSchema>>;

export type ParamsResult = { ok: true; params: ChannelParams } | { ok: false; message: string };

/** Validates a subscription's `params` for a channel; the message names the offending key for a person to fix. */
export function parseChannelParams(channel: Channel, raw: unknown): ParamsResult {
  const result = PARAMS_SCHEMAS[channel].safeParse(raw ?? {});
  if (result.success) return { ok: true, params: result.data as ChannelParams };
  const issue = result.error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    const allowed = CHANNELS[channel].filters.join(', ');
    return { ok: false, message: `Unknown filter '${issue.keys.join("', '")}' for channel '${channel}'; allowed: ${allowed}` };
  }
  const path = issue.path.length ? issue.path.join('.') : 'params';
  return { ok: false, message: `Invalid parameter '${path}': ${issue.message}` };
}
