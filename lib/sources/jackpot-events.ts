import { z } from 'zod';
import type { AlarmCondition } from '../gateway/alarms/types';
import type { ChannelParams, EventDraft, JackpotOptIn, JackpotUpdated, JackpotWon, RaffleWon } from '../protocol';
import { describeIssues } from './floor-items';
import { formatMoney } from './money';

/*
 * Jackpot-format events `{event_type, event_id, data}` (docs/protocol.md §12.2). Schemas check the fields the gateway shows;
 * other fields are allowed. A `name` on JackpotUpdateEvent data is used when present (the
 * platform sends none; otherwise the name comes from the instance's wins, else its id).
 */

const Id = z.string().min(1).max(200);
const Money = z.number().finite();
const Payout = z.object({ player_id: Id, brand_id: z.string().optional(), currency: z.string(), win_amount: Money });

const FrameSchema = z.object({ event_type: z.string().min(1), event_id: Id, data: z.unknown() });
const DATA = {
  JackpotUpdateEvent: z.object({
    id: Id,
    name: z.string().optional(),
    status: z.string(),
    jackpot_type: z.string().optional(),
    currency: z.string(),
    pots: z.array(z.object({ id: Id, is_progressive: z.boolean(), current_value: Money })),
  }),
  JackpotWinEvent: z.object({
    instance_id: Id,
    jackpot_name: z.string(),
    player_id: Id,
    win_pot_id: Id,
    win_amount: Money,
    currency: z.string().optional(),
    currency_multipliers: z.object({ base_currency: z.string().optional() }).nullish(),
  }),
  RaffleWinEvent: z.object({ instance_id: Id, jackpot_name: z.string(), jackpot_currency: z.string(), winners: z.array(Payout) }),
  OptInEvent: z.object({ instance_id: Id, player_id: Id, opted_in: z.boolean() }),
  CommunityPayoutErrorEvent: z.object({ instance_id: Id, gameround_id: z.string().optional(), failed_payouts: z.array(Payout) }),
  RafflePayoutErrorEvent: z.object({ instance_id: Id, failed_payouts: z.array(Payout) }),
} as const;

type EventType = keyof typeof DATA;
type Data<T extends EventType> = z.infer<(typeof DATA)[T]>;

/** A validated jackpot event. */
export type JackpotParse =
  | { ok: true; eventId: string; type: EventType; data: Data<EventType> }
  | { ok: false; reason: 'invalid_json' | 'schema' | 'unknown_event_type'; detail: string };

/** What one jackpot event does: events to publish and, for payout errors, an alarm. */
export interface JackpotOutcome {
  publish: EventDraft[];
  alarm?: AlarmCondition;
}

/**
 * Keeps each instance's latest pots and maps jackpot-format events to published events and alarms. Alarm messages
 * give amounts in the floor's `currency` and jackpots by name; ids stay in `source_ref`.
 */
export function createJackpotEvents({ currency = 'EUR' }: { currency?: string } = {}) {
  const instances = new Map<string, JackpotUpdated>();
  const names = new Map<string, string>();

  function map(type: EventType, data: Data<EventType>): JackpotOutcome {
    switch (type) {
      case 'JackpotUpdateEvent': {
        const d = data as Data<'JackpotUpdateEvent'>;
        if (d.name) names.set(d.id, d.name);
        const updated: JackpotUpdated = { instance_id: d.id, name: d.name ?? names.get(d.id) ?? d.id, currency: d.currency, status: d.status, pots: d.pots };
        instances.set(d.id, updated);
        return { publish: [{ channel: 'jackpots', event: 'jackpot.updated', data: updated }] };
      }
      case 'JackpotWinEvent': {
        const d = data as Data<'JackpotWinEvent'>;
        names.set(d.instance_id, d.jackpot_name);
        const currency = d.currency ?? instances.get(d.instance_id)?.currency ?? d.currency_multipliers?.base_currency ?? 'EUR';
        const won: JackpotWon = { instance_id: d.instance_id, jackpot_name: d.jackpot_name, player_id: d.player_id, win_pot_id: d.win_pot_id, win_amount: d.win_amount, currency };
        return { publish: [{ channel: 'jackpots', event: 'jackpot.won', data: won }] };
      }
      case 'RaffleWinEvent': {
        const d = data as Data<'RaffleWinEvent'>;
        const winners = d.winners.map(({ player_id, currency, win_amount }) => ({ player_id, currency, win_amount }));
        const won: RaffleWon = { instance_id: d.instance_id, jackpot_name: d.jackpot_name, currency: d.jackpot_currency, winners };
        return { publish: [{ channel: 'jackpots', event: 'raffle.won', data: won }] };
      }
      case 'OptInEvent': {
        const d = data as Data<'OptInEvent'>;
        const optIn: JackpotOptIn = { instance_id: d.instance_id, player_id: d.player_id, opted_in: d.opted_in };
        return { publish: [{ channel: 'jackpots', event: 'jackpot.opt_in', data: optIn }, { channel: 'player', event: 'player.opt_in', data: optIn }] };
      }
      case 'CommunityPayoutErrorEvent':
      case 'RafflePayoutErrorEvent': {
        const d = data as Data<'CommunityPayoutErrorEvent'>;
        const what = type === 'RafflePayoutErrorEvent' ? 'Raffle' : 'Community';
        const total = d.failed_payouts.reduce((s, p) => s + p.win_amount, 0);
        const name = names.get(d.instance_id) ?? instances.get(d.instance_id)?.name ?? 'a jackpot';
        const players = d.failed_payouts.length === 1 ? '1 player' : `${d.failed_payouts.length} players`;
        return {
          publish: [],
          alarm: {
            kind: 'payout_error',
            source_ref: d.gameround_id ? `${d.instance_id}:${d.gameround_id}` : d.instance_id,
            location_id: null,
            message: `${what} payout failed for ${players}, ${formatMoney(total, currency)} in total, on ${name}`,
          },
        };
      }
    }
  }

  return {
    /** Parses one frame's text; never throws. */
    parse(text: string): JackpotParse {
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        return { ok: false, reason: 'invalid_json', detail: text.slice(0, 100) };
      }
      const frame = FrameSchema.safeParse(raw);
      if (!frame.success) return { ok: false, reason: 'schema', detail: describeIssues(frame.error, '') };
      const { event_type: type, event_id: eventId } = frame.data;
      if (!Object.hasOwn(DATA, type)) return { ok: false, reason: 'unknown_event_type', detail: type.slice(0, 100) };
      const data = DATA[type as EventType].safeParse(frame.data.data);
      if (!data.success) return { ok: false, reason: 'schema', detail: `${type}: ${describeIssues(data.error, 'data')}` };
      return { ok: true, eventId, type: type as EventType, data: data.data };
    },
    /** Applies a parsed event to the pots and says what to publish. */
    apply: (parsed: Extract<JackpotParse, { ok: true }>): JackpotOutcome => map(parsed.type, parsed.data),
    /** Takes a `jackpot.updated` published by another node of the floor as the instance's latest state. */
    follow(updated: JackpotUpdated): void {
      instances.set(updated.instance_id, updated);
    },
    /** The `jackpots` snapshot: the latest `jackpot.updated` data of each matching instance. */
    snapshot(p: ChannelParams): JackpotUpdated[] {
      return [...instances.values()].filter((j) => (p.instance_id === undefined || j.instance_id === p.instance_id) && (!p.instance_ids || p.instance_ids.includes(j.instance_id)));
    },
  };
}
