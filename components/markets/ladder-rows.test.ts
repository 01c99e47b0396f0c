import { describe, expect, it } from 'vitest';
import { ladderRows } from './ladder-rows';

const runner = {
  outcome_id: 4,
  name: 'Arsenal',
  line_id: 'l',
  back: [{ odds: 2.1, stake: 500 }, { odds: 2.08, stake: 300 }],
  lay: [{ odds: 2.12, stake: 400 }, { odds: 2.14, stake: 250 }],
};

describe('a selection ladder', () => {
  it('puts the lay side above the back side, highest price first, with traded volume and the last traded price', () => {
    const rows = ladderRows(runner, { '2.1': 1200, '2.12': 80, '3.5': 10 }, 2.1);
    expect(rows.map((r) => r.odds)).toEqual([2.14, 2.12, 2.1, 2.08]);
    expect(rows[0]).toMatchObject({ lay: 250, back: null });
    expect(rows[2]).toMatchObject({ back: 500, lay: null, traded: 1200, last: true });
    expect(rows.find((r) => r.odds === 3.5)).toBeUndefined();
  });

  it('keeps the last traded price on the ladder even outside the quoted range', () => {
    const rows = ladderRows(runner, { '2.5': 40 }, 2.5);
    expect(rows[0]).toMatchObject({ odds: 2.5, traded: 40, last: true, back: null, lay: null });
  });
});
