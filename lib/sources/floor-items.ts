import { z } from 'zod';
import { SEVERITIES } from '../protocol';
import { stableId } from './hash';

/*
 * Floor events as upstreams send them: gamification-format items (`gameround`, `deposit`, `withdraw`,
 * `login`, each with a `unique_id`) and casino-format messages (`betPlaced`, `deviceOffline`,
 * `deviceOnline`, and casino `alerts`). Both the HTTP ingest and the casino connector parse here
 * (docs/protocol.md §11.1, §12.3).
 * Schemas are built once; unknown extra fields are allowed and dropped.
 */

const Id = z.string().min(1).max(200);
const Time = z.iso.datetime({ offset: true });
const Amount = z.number().finite().nonnegative();
const Currency = z.string().min(1).max(12);

const GameRoundSchema = z.object({
  unique_id: Id,
  timestamp: Time,
  player_id: Id,
  game_id: Id,
  round_id: Id,
  amount: Amount,
  currency: Currency,
  is_win: z.boolean(),
  is_bonus: z.boolean().optional(),
  /** Not in the gamification platform's own format: the device the round ran on, when the platform knows it. */
  device_id: Id.optional(),
});
const CashSchema = z.object({ unique_id: Id, timestamp: Time, player_id: Id, amount: Amount, currency: Currency, method: z.string().max(100), device_id: Id.optional() });
const LoginSchema = z.object({ unique_id: Id, timestamp: Time, player_id: Id, device_id: Id.optional() });
const BetPlacedSchema = z.object({ playerId: Id, amount: Amount, device: Id, currency: Currency.optional(), gameId: Id.optional(), roundId: Id.optional() });
const DeviceOfflineSchema = z.object({ terminalId: Id, lostAt: Time });
const DeviceOnlineSchema = z.object({ terminalId: Id, restoredAt: Time });
const CasinoAlertSchema = z.object({
  terminalId: Id.optional(),
  device: Id.optional(),
  message: z.string().max(500).optional(),
  severity: z.enum(SEVERITIES).optional(),
  /** The condition returned to normal. */
  cleared: z.boolean().optional(),
});

export type GameRound = z.infer<typeof GameRoundSchema>;
export type CashItem = z.infer<typeof CashSchema>;
export type LoginItem = z.infer<typeof LoginSchema>;

/** A validated floor event with its dedup id and event time. */
export type FloorItem =
  | { kind: 'gameround'; id: string; ts: string; data: GameRound }
  | { kind: 'deposit' | 'withdraw'; id: string; ts: string; data: CashItem }
  | { kind: 'login'; id: string; ts: string; data: LoginItem }
  | { kind: 'betPlaced'; id: string; ts: string; data: z.infer<typeof BetPlacedSchema> }
  | { kind: 'deviceOffline'; id: string; ts: string; data: z.infer<typeof DeviceOfflineSchema> }
  | { kind: 'deviceOnline'; id: string; ts: string; data: z.infer<typeof DeviceOnlineSchema> }
  | { kind: 'casinoAlert'; id: string; ts: string; event: string; data: z.infer<typeof CasinoAlertSchema> };

/**
 * The schemas items are parsed with, each compiled once to a function (`z.compile`): an item that
 * passes costs a few typed checks instead of the interpreted schema; one that fails is parsed again by
 * the schema itself, so error messages are zod's own, word for word.
 */
const compiled = <T extends z.ZodType>(schema: T): T => z.compile(schema);

const SEED_001 = { gameround: compiled(GameRoundSchema), deposit: compiled(CashSchema), withdraw: compiled(CashSchema), login: compiled(LoginSchema) } as const;
const CASINO = { betPlaced: compiled(BetPlacedSchema), deviceOffline: compiled(DeviceOfflineSchema), deviceOnline: compiled(DeviceOnlineSchema) } as const;
const CasinoAlertItem = compiled(CasinoAlertSchema);
const INGEST_EVENTS = [...Object.keys(SEED_001), ...Object.keys(CASINO)].join(', ');

const EnvelopeShape = z.object({ event: z.string().min(1).max(100), timestamp: Time.optional(), channel: z.string().optional(), data: z.unknown() });
const EnvelopeSchema = compiled(EnvelopeShape);

/** Every schema items are parsed with, for the test that each one compiles. */
export const ITEM_SCHEMAS: readonly z.ZodType[] = [GameRoundSchema, CashSchema, LoginSchema, BetPlacedSchema, DeviceOfflineSchema, DeviceOnlineSchema, CasinoAlertSchema, EnvelopeShape];

export type ItemParse = { ok: true; item: FloorItem } | { ok: false; reason: string; message: string };

/** Readable text of a zod error: the first issues with their paths, e.g. `data.amount: Invalid input: expected number`. */
export function describeIssues(error: z.ZodError, prefix: string): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${[prefix, ...i.path].filter((p) => p !== '').join('.')}: ${i.message}`)
    .join('; ');
}

/**
 * Parses one floor event. `casinoAlerts` (the casino connector) also accepts events of the casino
 * `alerts` channel; the HTTP ingest takes only the events docs/protocol.md §11.1 lists.
 */
export function parseFloorItem(raw: unknown, options: { casinoAlerts?: boolean } = {}): ItemParse {
  const env = EnvelopeSchema.safeParse(raw);
  if (!env.success) return { ok: false, reason: 'schema', message: `${describeIssues(env.error, '')} (an item is {"event", "data"})` };
  const { event, timestamp, channel, data } = env.data;
  if (Object.hasOwn(SEED_001, event)) {
    const parsed = SEED_001[event as keyof typeof SEED_001].safeParse(data);
    if (!parsed.success) return { ok: false, reason: 'schema', message: describeIssues(parsed.error, 'data') };
    const d = parsed.data;
    return { ok: true, item: { kind: event, id: d.unique_id, ts: d.timestamp, data: d } as FloorItem };
  }
  if (Object.hasOwn(CASINO, event)) {
    const parsed = CASINO[event as keyof typeof CASINO].safeParse(data);
    if (!parsed.success) return { ok: false, reason: 'schema', message: describeIssues(parsed.error, 'data') };
    const d = parsed.data as Record<string, unknown>;
    const ts = timestamp ?? (d.lostAt as string | undefined) ?? (d.restoredAt as string | undefined) ?? new Date().toISOString();
    // Casino messages carry no id: the same message (same content and time) always hashes the same.
    const id = stableId('cas', `${event}|${ts}|${JSON.stringify(data)}`);
    return { ok: true, item: { kind: event, id, ts, data: parsed.data } as FloorItem };
  }
  if (options.casinoAlerts && channel === 'alerts') {
    const parsed = CasinoAlertItem.safeParse(data);
    if (!parsed.success) return { ok: false, reason: 'schema', message: describeIssues(parsed.error, 'data') };
    const ts = timestamp ?? new Date().toISOString();
    const id = stableId('cas', `${event}|${ts}|${JSON.stringify(data)}`);
    return { ok: true, item: { kind: 'casinoAlert', id, ts, event, data: parsed.data } };
  }
  return { ok: false, reason: 'unknown_event', message: `event: unknown event '${event.slice(0, 100)}'; expected one of ${INGEST_EVENTS}` };
}
