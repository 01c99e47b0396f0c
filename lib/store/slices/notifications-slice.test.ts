import { describe, expect, it } from 'vitest';
import type { EventFrameOf } from '@/lib/protocol';
import { NOTIFICATIONS_CAP, initialNotifications, reduceNotifications } from './notifications-slice';

const frame = (n: number): EventFrameOf<'notification.alert'> => ({
  type: 'event',
  channel: 'notifications',
  event: 'notification.alert',
  subscription_id: 'sub-1',
  seq: n,
  id: `ntf-${n}`,
  ts: new Date(1_000_000 + n).toISOString(),
  data: { user_id: 'user-maya', title: `Critical alarm ${n}`, body: 'Payout failed', alarm_id: `alm-${n}` },
});
const ctx = { now: 2_000_000, paused: false };

describe('reduceNotifications', () => {
  it('keeps the newest first, bounded', () => {
    const frames = Array.from({ length: NOTIFICATIONS_CAP + 2 }, (_, i) => frame(i + 1));
    const state = reduceNotifications(initialNotifications, frames, ctx);
    expect(state.items.map((n) => n.id)).toEqual(['ntf-7', 'ntf-6', 'ntf-5', 'ntf-4', 'ntf-3']);
    expect(state.items[0]).toMatchObject({ kind: 'alert', title: 'Critical alarm 7', body: 'Payout failed', alarm_id: 'alm-7' });
  });

  it('links an alarm alert to that alarm in the console, and follows only links on this dashboard', () => {
    const withLink = (link: string): EventFrameOf<'notification.alert'> => ({ ...frame(1), data: { ...frame(1).data, link } });
    const [own] = reduceNotifications(initialNotifications, [frame(1)], ctx).items;
    expect(own.link).toBe('/alarms?alarm=alm-1');
    expect(reduceNotifications(initialNotifications, [withLink('/alarms?alarm=alm-1&from=escalation')], ctx).items[0].link).toBe('/alarms?alarm=alm-1&from=escalation');
    expect(reduceNotifications(initialNotifications, [withLink('https://evil.example/x')], ctx).items[0].link).toBe('/alarms?alarm=alm-1');
    expect(reduceNotifications(initialNotifications, [withLink('//evil.example/x')], ctx).items[0].link).toBe('/alarms?alarm=alm-1');
  });

  it('keeps identity when nothing new arrives, and ignores a replayed duplicate', () => {
    const once = reduceNotifications(initialNotifications, [frame(1)], ctx);
    expect(reduceNotifications(once, [], ctx)).toBe(once);
    expect(reduceNotifications(once, [frame(1)], ctx)).toBe(once);
  });
});
