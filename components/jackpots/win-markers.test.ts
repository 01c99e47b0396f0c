import { describe, expect, it } from 'vitest';
import { MAX_WIN_MARKERS, drawnMarkers } from './win-markers';

const win = (t: number) => ({ t, amount: 100, player_id: `p${t}` });

describe('pot win markers', () => {
  it("draws the wins up to the line's newest point, the last few of them", () => {
    const wins = [1, 2, 3, 4, 5, 6, 7].map(win);
    expect(drawnMarkers(wins, 7).map((w) => w.t)).toEqual([3, 4, 5, 6, 7]);
    expect(drawnMarkers(wins, 7)).toHaveLength(MAX_WIN_MARKERS);
  });

  it('keeps a win newer than the line for the sample that shows the drop', () => {
    const wins = [10, 20, 30].map(win);
    expect(drawnMarkers(wins, 25).map((w) => w.t)).toEqual([10, 20]);
    expect(drawnMarkers(wins, 30).map((w) => w.t)).toEqual([10, 20, 30]);
    expect(drawnMarkers(wins, Number.NEGATIVE_INFINITY)).toEqual([]);
  });

  it('hands the chart the same marker objects, so unchanged lines are not drawn again', () => {
    const wins = [10, 20].map(win);
    const later = [...wins, win(30)];
    const before = drawnMarkers(wins, 20);
    const after = drawnMarkers(later, 25);
    expect(after).toHaveLength(before.length);
    after.forEach((w, i) => expect(w).toBe(before[i]));
  });
});
