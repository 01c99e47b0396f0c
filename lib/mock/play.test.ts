import { describe, expect, it } from 'vitest';
import { parseExchangeFrame } from '../sources/exchange-frames';
import { stakeBounds, strengthBand } from './market-motion';
import { buildMockFloor } from './mock-floor';
import { createFloorPlay } from './play';
import { createRng } from './prng';

const RATE = 200;
const MINUTES = 30;
const TICK_MS = 100;

/** Plays the floor at `RATE` events/s for `MINUTES`, in 100 ms steps, calling `observe` every step. */
function run(seed: number, observe: (play: ReturnType<typeof createFloorPlay>, step: number) => void, minutes = MINUTES) {
  const wagers: object[] = [];
  const started = Date.parse('2026-03-01T18:00:00Z');
  const play = createFloorPlay({
    floor: buildMockFloor(),
    rng: createRng(seed),
    currency: 'GBP',
    tag: 'sim',
    startedAt: started,
    sinks: {
      post: () => {},
      casino: () => {},
      jackpot: () => {},
      exchange: (e) => {
        if (e.change_type === 'wager') wagers.push(e);
      },
    },
  });
  const steps = (minutes * 60_000) / TICK_MS;
  for (let step = 1; step <= steps; step++) {
    play.step((RATE * TICK_MS) / 1000, started + step * TICK_MS, TICK_MS);
    observe(play, step);
  }
  return { play, wagers, end: started + steps * TICK_MS };
}

describe(`the mock floor over ${MINUTES} minutes at ${RATE} events/s`, () => {
  it('keeps every stake, pot and price inside a steady band', () => {
    // Collected, not asserted one by one: a million expect() calls would make this test slow.
    const outside: string[] = [];
    const check = (ok: boolean, what: () => string) => {
      if (!ok && outside.length < 5) outside.push(what());
    };
    let stakeChecks = 0;
    let potFalls = 0;
    const totals: number[] = [];
    const lastPots = new Map<string, number>();
    run(11, (p, step) => {
      // Pots grow with play between their seed and must-drop value, and fall only when won.
      for (const pot of p.jackpot.inspect()) {
        const key = `${pot.instance}:${pot.id}`;
        check(pot.value >= pot.seed && pot.value <= pot.cap, () => `pot ${key} at ${pot.value}`);
        if (pot.value < (lastPots.get(key) ?? 0)) potFalls++;
        lastPots.set(key, pot.value);
      }
      if (step % 20 !== 0) return;
      let total = 0;
      for (const { markets } of p.exchange.inspect()) {
        for (const { market, probabilities, quotes } of markets) {
          const backBook = quotes.reduce((sum, q) => sum + 1 / q.back[0].price, 0);
          const layBook = quotes.reduce((sum, q) => sum + 1 / q.lay[0].price, 0);
          // A sensible exchange book: backing every selection costs a little over 100 %, laying a little under.
          check(backBook >= 1 && backBook < 1.1, () => `${market.name} back book ${backBook}`);
          check(layBook <= 1 && layBook > 0.9, () => `${market.name} lay book ${layBook}`);
          const steadyTotal = market.runners.reduce((sum, r) => sum + Math.exp(r.anchor), 0);
          market.runners.forEach((runner, i) => {
            const drift = probabilities[i] / (Math.exp(runner.anchor) / steadyTotal);
            // Each strength stays within its band, so a probability stays within twice that band of its steady level.
            check(Math.abs(Math.log(drift)) <= 2 * strengthBand() && drift > 0.45 && drift < 2.2, () => `${runner.name} probability ${drift}× its steady level`);
            const q = quotes[i];
            check(q.back.length > 0 && q.back[0].price < q.lay[0].price, () => `${runner.name} back ${q.back[0]?.price} lay ${q.lay[0]?.price}`);
            for (let k = 0; k < q.back.length; k++) {
              const [lo, hi] = stakeBounds(market.depth[k]);
              for (const level of [q.back[k], q.lay[k]]) {
                if (!level) continue;
                check(level.stake >= lo * 0.999 && level.stake <= hi * 1.001 && level.stake < 20_000, () => `${runner.name} level ${k} stake ${level.stake}`);
                total += level.stake;
                stakeChecks++;
              }
            }
          });
        }
      }
      totals.push(total);
    });
    expect(outside).toEqual([]);
    expect(stakeChecks).toBeGreaterThan(100_000);
    expect(potFalls).toBeGreaterThan(0);
    // No drift: the liquidity of the whole exchange in the last five minutes is near the first five.
    const sixth = totals.length / 6;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const ratio = mean(totals.slice(-sixth)) / mean(totals.slice(0, sixth));
    expect(ratio).toBeGreaterThan(0.8);
    expect(ratio).toBeLessThan(1.25);
  }, 60_000);

  it('plays football three-way with a draw, totals on distinct lines, decimal prices and the operator’s plays', () => {
    const { play, wagers, end } = run(5, () => {});
    const frames = play.exchange.current(end).map((e) => parseExchangeFrame(JSON.stringify(e)));
    const payloads = (type: string) => frames.flatMap((f) => (f.kind === 'change' && f.changeType === type ? [f.payload as { info: Record<string, unknown> }] : []));
    const lines = payloads('market_line').map((l) => l.info);
    const football = lines.filter((l) => l.sport_event_id === 44285780);
    expect(football.filter((l) => l.market_id === 219).map((l) => l.name)).toEqual(['Arsenal', 'The Draw', 'Chelsea']);
    const totalLines = new Set(football.filter((l) => l.type === 'total').map((l) => l.line));
    expect([...totalLines]).toEqual([1.5, 2.5, 3.5]);
    for (const s of payloads('market_selections')) {
      const [back, lay] = s.info.selections as { odds: number; display_odds: string }[][];
      expect(back.length).toBeLessThanOrEqual(10);
      expect(lay.length).toBeLessThanOrEqual(10);
      for (const level of [...back, ...lay]) {
        expect(level.odds).toBeGreaterThanOrEqual(1.01);
        expect(Number(level.display_odds)).toBeCloseTo(level.odds, 1);
      }
    }
    expect(wagers.length).toBeGreaterThan(100);
    const open = payloads('wager').map((w) => w.info);
    expect(open.length).toBeLessThanOrEqual(10);
    for (const w of open) expect(Number(w.unmatched_stake) + Number(w.totally_matched_stake)).toBeLessThanOrEqual(Number(w.stake) + 0.01);
  }, 60_000);

  it('plays the same floor for the same seed', () => {
    const prices = (seed: number) => {
      const { play } = run(seed, () => {}, 5);
      return play.exchange.inspect().map((e) => e.markets.map((m) => m.quotes.map((q) => q.back[0].price)));
    };
    expect(prices(3)).toEqual(prices(3));
    expect(prices(3)).not.toEqual(prices(4));
  });
});
