import type { BetPlaced, CashMovement } from '../protocol';
import type { AlarmInputs } from '../gateway/alarms/types';
import type { Publisher } from '../gateway/types';
import type { FloorItem } from './floor-items';
import type { FloorRegistry } from './floor-registry';
import { MemoryPairing } from './memory-pairing';
import type { PairingStore } from './pairing-store';

/** Currency of casino-format bets, which the casino platform sends without one. */
export const CASINO_DEFAULT_CURRENCY = 'EUR';
/**
 * Bets remembered for pairing a later win by `round_id` (newest kept): at least the last 25,000,
 * about 20 minutes of a 66-device floor and 25 s at 1,000 bets/s; a win's round follows its bet by seconds.
 */
const PAIRING_CAPACITY = 50_000;

export interface FloorEventDeps {
  publisher: Publisher;
  alarms: AlarmInputs;
  registry: FloorRegistry;
  /** Where bets wait for their wins; by default in memory, `PAIRING_CAPACITY` rounds. */
  pairing?: PairingStore;
}

/** Turns validated floor items into published events, alarms and device states: the one mapping of the casino and gamification formats (docs/protocol.md §11.1). */
export function createFloorEvents({ publisher, alarms, registry, pairing = new MemoryPairing(PAIRING_CAPACITY) }: FloorEventDeps) {

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

  /** Applies one item (already deduplicated). */
  function apply(item: FloorItem): void {
    const { id, ts } = item;
    switch (item.kind) {
      case 'gameround': {
        const d = item.data;
        const bet: BetPlaced = { round_id: d.round_id, player_id: d.player_id, game_id: d.game_id, ...device(d.device_id, d.game_id), amount: d.amount, currency: d.currency };
        if (!d.is_win) {
          pairing.rememberBet(d.round_id, d.amount);
          publisher.publish('game', 'bet.placed', bet, { id, ts });
        } else {
          publisher.publish('game', 'round.won', { ...bet, bet_amount: pairing.betFor(d.round_id) }, { id, ts });
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
        pairing.rememberBet(roundId, d.amount);
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

  return { apply };
}

export type FloorEvents = ReturnType<typeof createFloorEvents>;
