import type { EventFrameOf } from '@/lib/protocol';
import { alarmLink } from '@/lib/protocol/alarm';
import { prependBounded } from '../ring';
import { type BatchContext, type ChannelItem, eventTime } from './channel-item';

/** How many notifications the frame keeps; older ones drop off. */
export const NOTIFICATIONS_CAP = 5;

/** A notification addressed to this user (`notifications` channel). */
export interface NotificationItem {
  id: string;
  ts: number;
  kind: 'alert' | 'message';
  title: string;
  body: string;
  alarm_id: string | null;
  /** Where the notification leads: the gateway's `link`, or the alarm in the console. */
  link: string | null;
}

export interface NotificationsSlice {
  items: NotificationItem[];
}

export const initialNotifications: NotificationsSlice = { items: [] };

type NotificationFrame = EventFrameOf<'notification.alert'> | EventFrameOf<'notification.message'>;

function toItem(frame: NotificationFrame, now: number): NotificationItem {
  const d = frame.data;
  const alarmId = d.alarm_id ?? null;
  return {
    id: frame.id,
    ts: eventTime(frame, now),
    kind: frame.event === 'notification.alert' ? 'alert' : 'message',
    title: d.title || 'Notification',
    body: d.body,
    alarm_id: alarmId,
    link: safeLink(d.link ?? null) ?? (alarmId ? alarmLink(alarmId) : null),
  };
}

/** Only a path on this dashboard is followed; anything else (another site, a script URL) is dropped. */
function safeLink(link: string | null): string | null {
  return link && link.startsWith('/') && !link.startsWith('//') ? link : null;
}

/** Keeps the newest notifications, newest first. */
export function reduceNotifications(state: NotificationsSlice, items: ChannelItem[], ctx: BatchContext): NotificationsSlice {
  const incoming = items
    .filter((i): i is NotificationFrame => i.type === 'event' && (i.event === 'notification.alert' || i.event === 'notification.message'))
    .map((f) => toItem(f, ctx.now));
  const next = prependBounded(state.items, incoming, NOTIFICATIONS_CAP);
  return next === state.items ? state : { items: next };
}
