import { describe, expect, it } from 'vitest';
import type { EventFrame } from '@/lib/protocol';
import { feedReducer, initialFeeds } from './feeds-slice';

const message = (seq: number): EventFrame => ({
  type: 'event', channel: 'notifications', event: 'notification.message', subscription_id: 's', seq, id: `n-${seq}`, ts: '2026-01-01T00:00:00Z',
  data: { user_id: 'u', title: `Shift note ${seq}`, body: '' },
});
const bet = (seq: number): EventFrame => ({
  type: 'event', channel: 'game', event: 'bet.placed', subscription_id: 's', seq, id: `b-${seq}`, ts: '2026-01-01T00:00:00Z',
  data: { round_id: 'r', player_id: 'p', game_id: null, device_id: null, location_id: null, amount: 1, currency: 'EUR' },
});

describe('feeds slice', () => {
  const reduce = feedReducer(new Map([['notifications', 2]]));

  it('keeps the newest events of a feed channel, newest first, up to its size', () => {
    const next = reduce(initialFeeds, [message(1), message(2), message(3)]);
    expect(next.notifications?.map((e) => e.id)).toEqual(['n-3', 'n-2']);
    expect(next.notifications?.[0].data).toMatchObject({ title: 'Shift note 3' });
  });

  it('lets other channels pass by and keeps its identity when nothing of its channels came', () => {
    const next = reduce(initialFeeds, [bet(1)]);
    expect(next).toBe(initialFeeds);
  });
});
