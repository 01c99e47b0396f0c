import type { SimBet } from './floor-sim';
import { type Rng, cents } from './prng';

interface Pot {
  id: string;
  seed: number;
  value: number;
  /** Share of each stake that feeds the pot. */
  rate: number;
  /** Chance that one bet hits the pot. */
  hit: number;
  /** The pot must drop by this value: the bet that reaches it wins it, so a pot never grows without end. */
  cap: number;
}

interface Instance {
  id: string;
  name: string;
  type: 'Jackpot' | 'Raffle';
  /** Locations whose bets feed it; empty = the whole floor. */
  locations: string[];
  pots: Pot[];
}

const pot = (id: string, seed: number, rate: number, hit: number, cap = seed): Pot => ({ id, seed, value: seed, rate, hit, cap });

/** Progressive jackpots that grow with play and reset on a win, a raffle, opt-ins and rare payout errors, as jackpot-format events. */
export function createJackpotSim(rng: Rng, emit: (event: object) => void, currency = 'EUR') {
  const instances: Instance[] = [
    { id: 'jp-grand', name: 'Grand Progressive', type: 'Jackpot', locations: [], pots: [pot('grand', 50_000, 0.002, 1 / 400_000, 60_000), pot('major', 5_000, 0.004, 1 / 40_000, 6_500), pot('minor', 250, 0.008, 1 / 4_000, 450)] },
    { id: 'jp-high', name: 'High Limit Mega', type: 'Jackpot', locations: ['loc-high'], pots: [pot('mega', 25_000, 0.005, 1 / 300_000, 32_000), pot('maxi', 2_500, 0.01, 1 / 30_000, 4_000)] },
    { id: 'jp-raffle', name: 'Weekly Raffle', type: 'Raffle', locations: [], pots: [pot('raffle', 1_000, 0, 0)] },
  ];
  const players = new Set<string>();
  const uuid = () => `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-8${rng.hex(3)}-${rng.hex(12)}`;
  const payouts = (n: number) => Array.from({ length: n }, () => ({ player_id: rng.pick([...players, 'u3849']), brand_id: 'floor', currency, win_amount: cents(rng.range(5, 500)) }));

  function updateEvent(inst: Instance, now: number) {
    return {
      event_type: 'JackpotUpdateEvent',
      event_id: uuid(),
      data: {
        id: inst.id,
        name: inst.name,
        status: 'active',
        jackpot_type: inst.type,
        currency,
        allowed_brands: ['floor'],
        allowed_sources: ['casino'],
        pots: inst.pots.map((p) => ({ id: p.id, is_progressive: p.rate > 0, current_value: cents(p.value) })),
        timestamp_start: null,
        timestamp_end: null,
        last_updated: now,
      },
    };
  }

  function win(inst: Instance, p: Pot, player: string, now: number): void {
    const amount = cents(p.value);
    p.value = p.seed;
    emit({
      event_type: 'JackpotWinEvent',
      event_id: uuid(),
      data: {
        brand_id: 'floor', player_id: player, source_id: 'casino', instance_id: inst.id, jackpot_name: inst.name, timestamp: now, win_pot_id: p.id, win_amount: amount,
        currency_multipliers: { brand_id: 'floor', base_currency: currency, multipliers: { [currency]: 1 } },
        games_in_jackpot: [], seed: p.seed, win_withheld: false, seed_deficit: 0, community_winners: null, metadata: null,
      },
    });
    emit(updateEvent(inst, now));
  }

  return {
    /** A bet feeds the pots it is eligible for and may hit one of each instance (always a pot at its must-drop value). */
    bet(bet: SimBet, now: number): void {
      players.add(bet.playerId);
      if (players.size > 500) players.delete(players.values().next().value as string);
      for (const inst of instances) {
        if (inst.locations.length && !inst.locations.includes(bet.locationId)) continue;
        for (const p of inst.pots) p.value = Math.min(p.cap, p.value + bet.amount * p.rate);
        const hit = inst.pots.find((p) => p.hit > 0 && (p.value >= p.cap || rng.chance(p.hit * Math.max(1, bet.amount))));
        if (hit) win(inst, hit, bet.playerId, now);
      }
    },
    /** Every pot's seed, must-drop value and current value, for tests of the simulation. */
    inspect: () => instances.flatMap((i) => i.pots.map((p) => ({ instance: i.id, id: p.id, seed: p.seed, cap: p.cap, value: p.value }))),
    /** The latest values of one instance. */
    update(now: number): void {
      emit(updateEvent(rng.pick(instances), now));
    },
    optIn(now: number): void {
      const player = rng.pick([...players, 'u3849']);
      emit({
        event_type: 'OptInEvent',
        event_id: uuid(),
        data: { instance_id: rng.pick(instances).id, player_id: player, ext_player_id: `ext-${player}`, player_brand_id: 'floor', preferred_contribution_value: [0.1], contribution_count: rng.int(0, 40), contribution_value: cents(rng.range(0, 10)), opted_in: rng.chance(0.85), last_updated: Math.floor(now / 1000) },
      });
    },
    raffle(now: number): void {
      const inst = instances[2];
      emit({ event_type: 'RaffleWinEvent', event_id: uuid(), data: { brand_id: 'floor', instance_id: inst.id, jackpot_name: inst.name, jackpot_currency: currency, currency_multipliers: { brand_id: 'floor', base_currency: currency, multipliers: { [currency]: 1 } }, timestamp: now, winners: payouts(rng.int(1, 3)), win_withheld: false } });
    },
    payoutError(): void {
      if (rng.chance(0.5)) emit({ event_type: 'RafflePayoutErrorEvent', event_id: uuid(), data: { instance_id: 'jp-raffle', failed_payouts: payouts(1) } });
      else emit({ event_type: 'CommunityPayoutErrorEvent', event_id: uuid(), data: { instance_id: 'jp-grand', gameround_id: `rd-${rng.hex(8)}`, tx_credit_id: `tx-${rng.hex(10)}`, failed_payouts: payouts(rng.int(1, 4)) } });
    },
    /** Current values of every instance, for a new subscriber. */
    current: (now: number) => instances.map((i) => updateEvent(i, now)),
  };
}
