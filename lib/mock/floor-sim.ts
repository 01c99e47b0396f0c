import type { Floor, FloorDevice } from '../protocol';
import { STAKES } from './mock-floor';
import { type Rng, cents } from './prng';

/** Casino channels (docs/protocol.md §12.3). */
export type CasinoChannel = 'game' | 'cash' | 'alerts' | 'system' | 'player';

/** A bet as the jackpot simulation sees it (contributions and pot hits). */
export interface SimBet {
  playerId: string;
  amount: number;
  locationId: string;
}

/** Where the floor simulation sends what it plays. */
export interface FloorSimSinks {
  /** A gamification-format item for the ingest poster. */
  post(item: { event: string; data: Record<string, unknown> }): void;
  /** A casino-format message on a casino channel. */
  casino(channel: CasinoChannel, message: Record<string, unknown>): void;
  /** Every bet, for the progressive pots. */
  bet(bet: SimBet): void;
}

interface Seat {
  device: FloorDevice;
  locationId: string;
  player: string | null;
  offlineUntil: number;
}

const PLAYERS = Array.from({ length: 300 }, (_, i) => `u${3700 + i}`);
const STAFF = ['staff-ana', 'staff-ben', 'staff-chloe', 'staff-dev', 'staff-emil'];
const CASH_METHODS = ['Credit Card', 'Bank Transfer', 'Cash', 'E-Wallet'];
const ALERTS = [
  { event: 'doorOpen', message: 'Main door opened', severity: 'high' },
  { event: 'billValidatorJam', message: 'Bill validator jammed', severity: 'medium' },
  { event: 'tiltDetected', message: 'Tilt detected', severity: 'low' },
] as const;

/** The casino floor, played in `currency`: seated players betting and winning, cash, logins, devices dropping out and returning, alerts. */
export function createFloorSim(floor: Floor, rng: Rng, sinks: FloorSimSinks, tag: string, currency = 'EUR') {
  const seats: Seat[] = floor.locations.flatMap((l) => l.devices.map((device) => ({ device, locationId: l.id, player: null, offlineUntil: 0 })));
  const slots = seats.filter((s) => s.device.game_id);
  const terminals = seats.filter((s) => !s.device.game_id);
  const pendingWins: { due: number; item: { event: string; data: Record<string, unknown> } }[] = [];
  const pendingClears: { due: number; event: string; deviceId: string }[] = [];
  let counter = 0;
  const nextId = (kind: string) => `${kind}-${tag}-${(++counter).toString(36)}`;
  const iso = (ms: number) => new Date(ms).toISOString();

  function online(list: Seat[], now: number): Seat | null {
    for (let tries = 0; tries < 5; tries++) {
      const seat = rng.pick(list);
      if (seat.offlineUntil <= now) return seat;
    }
    return null;
  }

  function seatPlayer(seat: Seat, now: number): string {
    if (seat.player && !rng.chance(0.02)) return seat.player;
    seat.player = rng.pick(PLAYERS);
    sinks.post({ event: 'login', data: { unique_id: nextId('lg'), timestamp: iso(now), player_id: seat.player, device_id: seat.device.id } });
    return seat.player;
  }

  function winMultiplier(): number {
    const r = rng.next();
    if (r < 0.7) return rng.range(0.2, 2);
    if (r < 0.95) return rng.range(2, 10);
    if (r < 0.995) return rng.range(10, 50);
    return rng.range(100, 500);
  }

  return {
    /** One slot round through the ingest: a bet, and for about a quarter of rounds a win a moment later. */
    round(now: number): void {
      const seat = online(slots, now);
      if (!seat) return;
      const player = seatPlayer(seat, now);
      const amount = rng.pick(STAKES[seat.locationId] ?? [1]);
      const roundId = nextId('rd');
      const base = { player_id: player, game_id: seat.device.game_id, round_id: roundId, currency, is_bonus: false, device_id: seat.device.id };
      sinks.post({ event: 'gameround', data: { unique_id: nextId('bet'), timestamp: iso(now), ...base, amount, is_win: false } });
      sinks.bet({ playerId: player, amount, locationId: seat.locationId });
      if (rng.chance(0.27)) {
        const due = now + rng.int(300, 2000);
        pendingWins.push({ due, item: { event: 'gameround', data: { unique_id: nextId('win'), timestamp: iso(due), ...base, amount: cents(amount * winMultiplier()), is_win: true } } });
      }
    },
    /** A bet at a terminal reported by the casino platform (casino `betPlaced`). */
    casinoBet(now: number): void {
      const seat = online(terminals, now);
      if (!seat) return;
      const player = seat.player ?? rng.pick(PLAYERS);
      const amount = rng.pick(STAKES[seat.locationId] ?? [1]);
      sinks.casino('game', { event: 'betPlaced', timestamp: iso(now), data: { playerId: player, amount, device: seat.device.id } });
      sinks.bet({ playerId: player, amount, locationId: seat.locationId });
    },
    /** A deposit or withdrawal at a cash terminal. */
    cash(now: number): void {
      const seat = rng.pick(terminals);
      const deposit = rng.chance(0.6);
      const amount = rng.pick(deposit ? [20, 50, 100, 200, 500, 1000] : [50, 100, 250, 400, 1500]);
      sinks.post({
        event: deposit ? 'deposit' : 'withdraw',
        data: { unique_id: nextId(deposit ? 'dep' : 'wd'), timestamp: iso(now), player_id: rng.pick(PLAYERS), amount, currency, method: rng.pick(CASH_METHODS), device_id: seat.device.id },
      });
    },
    /** A staff member signing in at a terminal. */
    staffLogin(now: number): void {
      sinks.post({ event: 'login', data: { unique_id: nextId('lg'), timestamp: iso(now), player_id: rng.pick(STAFF), device_id: rng.pick(terminals).device.id } });
    },
    /** A casino `alerts` event at some device; staff resolve it (`cleared`) 30 s to 3 min later. */
    alert(now: number): void {
      const seat = rng.pick(seats);
      const a = rng.pick(ALERTS);
      sinks.casino('alerts', { event: a.event, timestamp: iso(now), data: { terminalId: seat.device.id, message: `${a.message} at ${seat.device.id}`, severity: a.severity } });
      pendingClears.push({ due: now + rng.int(30_000, 180_000), event: a.event, deviceId: seat.device.id });
    },
    /** Time-driven play: due wins, and devices dropping offline (a few a minute) and coming back. */
    tick(now: number, dtMs: number, outagesPerMinute: number): void {
      for (let i = pendingWins.length - 1; i >= 0; i--) {
        if (pendingWins[i].due <= now) sinks.post(pendingWins.splice(i, 1)[0].item);
      }
      for (let i = pendingClears.length - 1; i >= 0; i--) {
        if (pendingClears[i].due > now) continue;
        const { event, deviceId } = pendingClears.splice(i, 1)[0];
        sinks.casino('alerts', { event, timestamp: iso(now), data: { terminalId: deviceId, message: `${event} resolved at ${deviceId}`, cleared: true } });
      }
      for (const seat of seats) {
        if (seat.offlineUntil > 0 && seat.offlineUntil <= now) {
          seat.offlineUntil = 0;
          sinks.casino('system', { event: 'deviceOnline', timestamp: iso(now), data: { terminalId: seat.device.id, restoredAt: iso(now) } });
        }
      }
      if (rng.chance((outagesPerMinute * dtMs) / 60_000)) {
        const seat = rng.pick(seats);
        if (seat.offlineUntil > 0) return;
        seat.offlineUntil = now + rng.int(20_000, 120_000);
        seat.player = null;
        sinks.casino('system', { event: 'deviceOffline', timestamp: iso(now), data: { terminalId: seat.device.id, lostAt: iso(now) } });
      }
    },
  };
}

export type FloorSim = ReturnType<typeof createFloorSim>;
