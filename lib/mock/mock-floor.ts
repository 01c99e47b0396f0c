import type { Floor, FloorDevice } from '../protocol';

const GAMES = ['GD8', 'starburst', 'book-of-dead', 'gonzos-quest', 'buffalo-gold', 'dragon-link', 'lightning-link', 'mega-moolah'];

function slots(prefix: string, count: number, gameOffset: number): FloorDevice[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `SLOT-${prefix}${String(i + 1).padStart(2, '0')}`,
    type: 'slot',
    game_id: GAMES[(i + gameOffset) % GAMES.length],
  }));
}

function terminals(from: number, count: number): FloorDevice[] {
  return Array.from({ length: count }, (_, i) => ({ id: `T-${String(from + i).padStart(2, '0')}`, type: 'terminal', game_id: null }));
}

/** The simulated floor: four locations with slot devices and betting/cash terminals (SLOT-A12 and T-19 as in the casino platform's own examples). */
export function buildMockFloor(): Floor {
  return {
    locations: [
      { id: 'loc-main', name: 'Main Floor', devices: [...slots('A', 24, 0), ...terminals(1, 6)] },
      { id: 'loc-high', name: 'High Limit', devices: [...slots('H', 8, 3), ...terminals(7, 2)] },
      { id: 'loc-sports', name: 'Sports Bar', devices: [...slots('S', 4, 5), ...terminals(10, 10)] },
      { id: 'loc-terrace', name: 'Terrace', devices: [...slots('T', 10, 1), ...terminals(20, 2)] },
    ],
  };
}

/** Typical stakes per location, in EUR. */
export const STAKES: Record<string, readonly number[]> = {
  'loc-main': [0.2, 0.5, 1, 1, 2, 5],
  'loc-high': [5, 10, 25, 50, 100],
  'loc-sports': [0.5, 1, 2, 5],
  'loc-terrace': [0.2, 0.5, 1, 2],
};
