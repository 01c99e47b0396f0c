import type { BetPlaced, CashMovement } from '../protocol';
import type { AlarmInputs } from '../gateway/alarms/types';
import type { Publisher } from '../gateway/types';
import type { FloorItem } from './floor-items';
import type { FloorRegistry } from './floor-registry';
import { type Maybe, andThen, both } from './maybe';
import { MemoryPairing } from './memory-pairing';
import type { PairingStore } from './pairing-store';

/** Currency of casino-format bets, which the casino platform sends without one. */
export const CASINO_DEFAULT_CURRENCY = 'EUR';
/**
 * Bets remembered for pairing a later win by `round_id` (newest kept): at least the last 25,000,
 * about 20 minutes of a 66-device floor and 25 s at 1,000 bets/s; a win's round follows its bet by seconds.
 */
export const PAIRING_CAPACITY = 50_000;

export interface FloorEventDeps {
  publisher: Publisher;
  alarms: AlarmInputs;
  registry: FloorRegistry;
  /** Where bets wait for their wins; by default in memory, `PAIRING_CAPACITY` rounds. */
  pairing?: PairingStore;
}

/**
 * The bet amount each round of a batch pairs with: what the pairing store held before the batch for its
 * wins' rounds, then each bet of the batch as it is applied, so a win follows its bet within one batch too.
 */
export type BetBook = Map<string, number | null>;

/** The round a bet or win belongs to (a casino bet without one gets a round of its own); null for other items. */
function roundOf(item: FloorItem): { roundId: string; amount: number; win: boolean } | null {
  if (item.kind === 'gameround') return { roundId: item.data.round_id, amount: item.data.amount, win: item.data.is_win };
  if (item.kind === 'betPlaced') return { roundId: item.data.roundId ?? `round-${item.id}`, amount: item.data.amount, win: false };
  return null;
}

/** Turns validated floor items into published events, alarms and device states: the one mapping of the casino and gamification formats (docs/protocol.md §11.1). */
export function createFloorEvents({ publisher, alarms, registry, pairing = new MemoryPairing(PAIRING_CAPACITY) }: FloorEventDeps) {
  /**
   * Pairs a batch of new items (deduplicated, in order) before it is applied: looks up the bets held for
   * its wins' rounds, then records its own bets, so a win ingested later at any node finds them. At once on
   * memory; on a shared store the two calls go out together, the look-up first (one round trip).
   */
  function pair(items: readonly FloorItem[]): Maybe<BetBook> {
    const bets: [string, number][] = [];
    const betInBatch = new Set<string>();
    const lookUp = new Set<string>();
    for (const item of items) {
      const round = roundOf(item);
      if (!round) continue;
      if (!round.win) {
        bets.push([round.roundId, round.amount]);
        betInBatch.add(round.roundId);
      } else if (!betInBatch.has(round.roundId)) lookUp.add(round.roundId);
    }
    const rounds = [...lookUp];
    const held = rounds.length > 0 ? pairing.betsFor(rounds) : [];
    const stored = bets.length > 0 ? pairing.rememberBets(bets) : undefined;
    return andThen(both(held, stored), ([amounts]) => new Map(rounds.map((roundId, i) => [roundId, amounts[i]])));
  }

  const device = (explicit: string | undefined, gameId: string | null) => {
    const id = explicit ? registry.canonicalId(explicit) : gameId ? registry.deviceForGame(gameId) : null;
    return { device_id: id, location_id: id ? registry.locationOf(id) : null };
  };

  function applyDevice(deviceId: string, online: boolean, at: string, id: string, ts: string): void {
    const state = registry.setOnline(registry.canonicalId(deviceId), online, at);
    const ref = state.device_id;
    if (online) {
      publisher.publish('system', 'device.online', { device_id: ref, location_id: state.location_id, restored_at: at }, { id, ts });
      void alarms.clear('device_offline', ref);
    } else {
      publisher.publish('system', 'device.offline', { device_id: ref, location_id: state.location_id, lost_at: at }, { id, ts });
      // Location and time travel in their own alarm fields; the message names the device and its place as staff know them.
      const label = state.type === 'slot' ? 'Slot machine' : state.type === 'terminal' ? 'Terminal' : 'Device';
      const place = state.location_id ? registry.locationName(state.location_id) : null;
      void alarms.raise({ kind: 'device_offline', source_ref: ref, location_id: state.location_id, message: `${label} ${ref}${place ? ` at ${place}` : ''} is offline` });
    }
  }

  /** Applies one item (already deduplicated and paired: `book` is its batch's, from `pair`). */
  function apply(item: FloorItem, book: BetBook): void {
    const { id, ts } = item;
    switch (item.kind) {
      case 'gameround': {
        const d = item.data;
        const bet: BetPlaced = { round_id: d.round_id, player_id: d.player_id, game_id: d.game_id, ...device(d.device_id, d.game_id), amount: d.amount, currency: d.currency };
        if (!d.is_win) {
          book.set(d.round_id, d.amount);
          publisher.publish('game', 'bet.placed', bet, { id, ts });
        } else {
          publisher.publish('game', 'round.won', { ...bet, bet_amount: book.get(d.round_id) ?? null }, { id, ts });
        }
        return;
      }
      case 'deposit':
      case 'withdraw': {
        const d = item.data;
        const data: CashMovement = { player_id: d.player_id, amount: d.amount, currency: d.currency, method: d.method, location_id: device(d.device_id, null).location_id };
        publisher.publish('cash', item.kind === 'deposit' ? 'cash.deposit' : 'cash.withdraw', data, { id, ts });
        return;
      }
      case 'login':
        publisher.publish('player', 'player.login', { player_id: item.data.player_id, location_id: device(item.data.device_id, null).location_id }, { id, ts });
        return;
      case 'betPlaced': {
        const d = item.data;
        const at = device(d.device, null);
        const gameId = d.gameId ?? (at.device_id ? registry.gameOf(at.device_id) : null);
        const roundId = d.roundId ?? `round-${id}`;
        book.set(roundId, d.amount);
        const bet: BetPlaced = { round_id: roundId, player_id: d.playerId, game_id: gameId, ...at, amount: d.amount, currency: d.currency ?? CASINO_DEFAULT_CURRENCY };
        publisher.publish('game', 'bet.placed', bet, { id, ts });
        return;
      }
      case 'deviceOffline':
        return applyDevice(item.data.terminalId, false, item.data.lostAt, id, ts);
      case 'deviceOnline':
        return applyDevice(item.data.terminalId, true, item.data.restoredAt, id, ts);
      case 'casinoAlert': {
        const d = item.data;
        const deviceId = d.terminalId ?? d.device;
        const ref = deviceId ? registry.canonicalId(deviceId) : 'casino';
        const location = deviceId ? registry.locationOf(deviceId) : null;
        if (d.cleared) void alarms.clear('casino_alert', `${ref}:${item.event}`);
        else void alarms.raise({ kind: 'casino_alert', source_ref: `${ref}:${item.event}`, location_id: location, message: d.message ?? `${item.event} on ${ref}`, severity: d.severity });
        return;
      }
    }
  }

  /** Runs `work`, which applies items, as one batch of publications where the publisher gathers them. */
  function inBatch<T>(work: () => T): T {
    return publisher.batch ? publisher.batch(work) : work();
  }

  return { pair, apply, inBatch };
}

export type FloorEvents = ReturnType<typeof createFloorEvents>;
