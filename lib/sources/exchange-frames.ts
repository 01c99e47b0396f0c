import { z } from 'zod';
import { describeIssues } from './floor-items';

/*
 * Exchange-format frames (docs/protocol.md §12.1): envelopes `{timestamp, change_type, payload (base64 JSON), op}`, sent bare or
 * wrapped as `{"event", "data": envelope}` (the health_check shape). Payload schemas check the
 * fields the gateway keys and orders by; every other upstream field is kept as sent.
 */

const Op = z.enum(['c', 'u', 'd']);
const EnvelopeSchema = z.object({ timestamp: z.number(), change_type: z.string().min(1), payload: z.string(), op: Op });
const WrappedSchema = z.object({ event: z.string(), data: z.unknown() });
const Seq = z.number().optional();
const IntId = z.number().int();
const StrId = z.union([z.string().min(1), z.number()]).transform(String);

/** A best selection with every field the exchange documents (the upstream's "fake selection" carries them too). */
const SelectionSchema = z.looseObject({
  outcome_id: z.number(),
  name: z.string(),
  competitor_id: z.number(),
  line: z.number(),
  line_id: z.string(),
  odds: z.number(),
  display_odds: z.string(),
  display_line: z.string(),
  display_name: z.string(),
  value: z.number(),
  stake: z.number(),
  updated_at: z.number(),
});

/** Payload schemas by change type, for create/update (`full`) and delete (`gone`, which may carry less). */
export const PAYLOADS = {
  tournament: {
    full: z.object({ id: StrId, info: z.looseObject({ id: IntId, name: z.string(), sequence_number: Seq }) }),
    gone: z.object({ id: StrId, info: z.looseObject({ sequence_number: Seq }).optional() }),
  },
  sport_event: {
    full: z.object({ id: StrId, tournament_id: StrId.optional(), info: z.looseObject({ event_id: IntId, name: z.string(), status: z.string(), sequence_number: Seq }) }),
    gone: z.object({ id: StrId, info: z.looseObject({ event_id: IntId.optional(), sequence_number: Seq }).optional() }),
  },
  market: {
    full: z.object({ id: StrId, info: z.looseObject({ id: IntId, sport_event_id: IntId, name: z.string(), status: z.string(), sequence_number: Seq }) }),
    gone: z.object({ id: StrId, info: z.looseObject({ id: IntId, sport_event_id: IntId, sequence_number: Seq }) }),
  },
  market_line: {
    full: z.object({ id: IntId, info: z.looseObject({ id: IntId, sport_event_id: IntId, market_id: IntId, sequence_number: Seq }) }),
    gone: z.object({ id: IntId, info: z.looseObject({ sport_event_id: IntId.optional(), market_id: IntId.optional(), sequence_number: Seq }).optional() }),
  },
  market_selections: {
    full: z.object({
      sport_event_id: IntId,
      market_id: IntId,
      info: z.looseObject({ id: IntId, name: z.string(), selections: z.tuple([z.array(SelectionSchema), z.array(SelectionSchema)]), sequence_number: Seq }),
    }),
    gone: z.object({ sport_event_id: IntId, market_id: IntId, info: z.looseObject({ id: IntId, sequence_number: Seq }) }),
  },
  matched_bet: {
    full: z.object({
      info: z.looseObject({ sport_event_id: IntId, market_id: IntId, outcome_id: z.number(), line_id: z.string(), matched_odds: z.number(), matched_stake: z.number(), sequence_number: Seq }),
    }),
    gone: z.object({ info: z.looseObject({}) }),
  },
  wager: {
    full: z.object({
      info: z.looseObject({
        id: StrId,
        market_id: IntId,
        sport_event_id: IntId,
        outcome_id: z.number(),
        odds: z.number(),
        stake: z.number(),
        status: z.string(),
        totally_matched_stake: z.number().optional(),
        unmatched_stake: z.number().optional(),
        sequence_number: Seq,
      }),
    }),
    gone: z.object({ info: z.looseObject({ id: StrId, sequence_number: Seq }) }),
  },
} as const;

export type ChangeType = keyof typeof PAYLOADS;
export type Payload<T extends ChangeType> = z.infer<(typeof PAYLOADS)[T]['full']>;

/** Change types that are valid upstream but not the gateway's concern. */
const IGNORED = new Set<string>();
const KEEPALIVE = new Set(['health_check', 'private_system_signal']);
const BASE64 = /^(?:[A-Za-z0-9+/_-]{4})*(?:[A-Za-z0-9+/_-]{2}(?:==)?|[A-Za-z0-9+/_-]{3}=?)?$/;

/** One decoded exchange frame. */
export type ExchangeFrame =
  | { kind: 'keepalive' }
  | { kind: 'ignored' }
  | { kind: 'change'; changeType: ChangeType; op: 'c' | 'u' | 'd'; timestamp: number; payload: unknown }
  | { kind: 'bad'; reason: 'invalid_json' | 'schema' | 'bad_base64' | 'unknown_change_type'; detail: string };

/** Parses a frame and decodes its payload; never throws. Payload schema checks happen in the state. */
export function parseExchangeFrame(text: string): ExchangeFrame {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'bad', reason: 'invalid_json', detail: text.slice(0, 100) };
  }
  const wrapped = WrappedSchema.safeParse(raw);
  if (wrapped.success) {
    if (KEEPALIVE.has(wrapped.data.event)) return { kind: 'keepalive' };
    raw = wrapped.data.data;
  }
  const env = EnvelopeSchema.safeParse(raw);
  if (!env.success) return { kind: 'bad', reason: 'schema', detail: describeIssues(env.error, 'envelope') };
  const { change_type: changeType, op, timestamp, payload } = env.data;
  if (KEEPALIVE.has(changeType)) return { kind: 'keepalive' };
  if (IGNORED.has(changeType)) return { kind: 'ignored' };
  if (!Object.hasOwn(PAYLOADS, changeType)) return { kind: 'bad', reason: 'unknown_change_type', detail: changeType.slice(0, 100) };
  if (!BASE64.test(payload)) return { kind: 'bad', reason: 'bad_base64', detail: `${changeType} payload is not base64` };
  try {
    return { kind: 'change', changeType: changeType as ChangeType, op, timestamp, payload: JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) };
  } catch {
    return { kind: 'bad', reason: 'bad_base64', detail: `${changeType} payload is not base64 JSON` };
  }
}
