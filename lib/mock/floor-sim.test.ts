import { describe, expect, it } from 'vitest';
import { parseFloorItem } from '../sources/floor-items';
import { createFloorSim } from './floor-sim';
import { buildMockFloor } from './mock-floor';
import { createRng } from './prng';

function play(seed: number) {
  const posted: { event: string; data: Record<string, unknown> }[] = [];
  const casino: object[] = [];
  const sim = createFloorSim(buildMockFloor(), createRng(seed), { post: (i) => posted.push(i), casino: (c, m) => casino.push(c === 'alerts' ? { ...m, channel: c } : m), bet: () => {} }, 'test');
  let now = Date.parse('2025-05-11T12:00:00Z');
  for (let step = 0; step < 600; step++) {
    now += 100;
    sim.tick(now, 100, 30);
    sim.round(now);
    if (step % 10 === 0) sim.cash(now);
    if (step % 50 === 0) sim.alert(now);
  }
  return { posted, casino };
}

describe('floor simulation', () => {
  it('plays the same floor for the same seed', () => {
    expect(play(7)).toEqual(play(7));
    expect(play(7).posted).not.toEqual(play(8).posted);
  });

  it('posts valid gamification-format items: bets, wins sharing round_id, mostly losing rounds', () => {
    const { posted } = play(3);
    for (const item of posted) expect(parseFloorItem(item)).toMatchObject({ ok: true });
    const bets = posted.filter((i) => i.event === 'gameround' && !i.data.is_win);
    const wins = posted.filter((i) => i.event === 'gameround' && i.data.is_win);
    const betRounds = new Set(bets.map((b) => b.data.round_id));
    expect(wins.length).toBeGreaterThan(0);
    expect(wins.length / bets.length).toBeLessThan(0.4);
    expect(wins.every((w) => betRounds.has(w.data.round_id))).toBe(true);
  });

  it('sends valid casino messages, devices going offline and coming back', () => {
    const { casino } = play(3);
    for (const m of casino) expect(parseFloorItem(m, { casinoAlerts: true })).toMatchObject({ ok: true });
    const events = casino.map((m) => (m as { event: string }).event);
    expect(events).toContain('deviceOffline');
    expect(events).toContain('deviceOnline');
  });
});
