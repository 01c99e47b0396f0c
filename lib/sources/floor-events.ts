import type { BetPlaced, CashMovement, RoundWon } from '../protocol';
import type { AlarmInputs } from '../gateway/alarms/types';
import type { Publisher } from '../gateway/types';
import type { FloorItem } from './floor-items';
import type { DevicePlace, FloorRegistry } from './floor-registry';
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

/** A casino bet's round: its own id, or a round of its own when it names none. */
const casinoRound = (roundId: string | undefined, id: string) => roundId ?? `round-${id}`;

/** Where an event names no device. */
const NOWHERE = { device_id: null, location_id: null } as const;

/** Turns validated floor items into published events, alarms and device states: the one mapping of the casino and gamification formats (docs/protocol.md §11.1). */
export function createFloorEvents({ publisher, alarms, registry, pairing = new MemoryPairing(PAIRING_CAPACITY) }: FloorEventDeps) {
  /**
   * Pairs a batch of new items (deduplicated, in order) before it is applied: looks up the bets held for
   * its wins' rounds, then records its own bets, so a win ingested later at any node finds them. At once on
   * memory; on a shared store the two calls go out together, the look-up first (one round trip).
   */
  function pair(items: readonly FloorItem[]): Maybe<BetBook> {
    const bets: [string, number][] = [];
    let wins = false;
    for (const item of items) {
      if (item.kind === 'gameround') {
        if (item.data.is_win) wins = true;
        else bets.push([item.data.round_id, item.data.amount]);
      } else if (item.kind === 'betPlaced') bets.push([casinoRound(item.data.roundId, item.id), item.data.amount]);
    }
    // Only wins read the book: a batch of bets alone (the usual one) needs no look-up and no book.
    if (!wins) return andThen(bets.length > 0 ? pairing.rememberBets(bets) : undefined, () => new Map());
    // Every win's round is in the book: held from before the batch (looked up), or a placeholder that the
    // win's own bet, earlier in the batch, fills in as it is applied.
    const book: BetBook = new Map();
    const lookUp = new Set<string>();
    for (const item of items) {
      if (item.kind === 'gameround' && item.data.is_win) {
        if (!book.has(item.data.round_id)) lookUp.add(item.data.round_id);
      } else if (item.kind === 'gameround' || item.kind === 'betPlaced') {
        const roundId = item.kind === 'gameround' ? item.data.round_id : casinoRound(item.data.roundId, item.id);
        book.set(roundId, null);
      }
    }
    const rounds = [...lookUp];
    // The look-up goes first, so it sees the bets from before the batch, not the batch's own.
    const held = rounds.length > 0 ? pairing.betsFor(rounds) : [];
    const stored = bets.length > 0 ? pairing.rememberBets(bets) : undefined;
    return andThen(both(held, stored), ([amounts]) => {
      rounds.forEach((roundId, i) => book.set(roundId, amounts[i]));
      return book;
    });
  }

  /** The device an event names, by id or through its game, with its location. */
  const placeOf = (explicit: string | undefined, gameId: string | null): DevicePlace | typeof NOWHERE => {
    const id = explicit || (gameId ? registry.deviceForGame(gameId) : null);
    return id ? registry.placeOf(id) : NOWHERE;
  };

  /** Notes a bet in the batch's book when a later win of the batch reads it. */
  const noteBet = (book: BetBook, roundId: string, amount: number) => {
    if (book.size !== 0 && book.has(roundId)) book.set(roundId, amount);
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
        const at = placeOf(d.device_id, d.game_id);
        // Built field by field in the payload's order: the frames' JSON is what it always was.
        if (!d.is_win) {
          noteBet(book, d.round_id, d.amount);
          const bet: BetPlaced = { round_id: d.round_id, player_id: d.player_id, game_id: d.game_id, device_id: at.device_id, location_id: at.location_id, amount: d.amount, currency: d.currency };
          publisher.publish('game', 'bet.placed', bet, { id, ts });
        } else {
          const won: RoundWon = {
            round_id: d.round_id,
            player_id: d.player_id,
            game_id: d.game_id,
            device_id: at.device_id,
            location_id: at.location_id,
            amount: d.amount,
            currency: d.currency,
            bet_amount: book.get(d.round_id) ?? null,
          };
          publisher.publish('game', 'round.won', won, { id, ts });
        }
        return;
      }
      case 'deposit':
      case 'withdraw': {
        const d = item.data;
        const data: CashMovement = { player_id: d.player_id, amount: d.amount, currency: d.currency, method: d.method, location_id: placeOf(d.device_id, null).location_id };
        publisher.publish('cash', item.kind === 'deposit' ? 'cash.deposit' : 'cash.withdraw', data, { id, ts });
        return;
      }
      case 'login':
        publisher.publish('player', 'player.login', { player_id: item.data.player_id, location_id: placeOf(item.data.device_id, null).location_id }, { id, ts });
        return;
      case 'betPlaced': {
        const d = item.data;
        const at = placeOf(d.device, null);
        const gameId = d.gameId ?? (at.device_id ? registry.gameOf(at.device_id) : null);
        const roundId = casinoRound(d.roundId, id);
        noteBet(book, roundId, d.amount);
        const bet: BetPlaced = { round_id: roundId, player_id: d.playerId, game_id: gameId, device_id: at.device_id, location_id: at.location_id, amount: d.amount, currency: d.currency ?? CASINO_DEFAULT_CURRENCY };
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
