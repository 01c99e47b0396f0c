import { type Alarm, type Notification, type PublishedEvent, alarmLink, can, seesLocation } from '../protocol';
import type { Hub } from './types';

/**
 * Sends a `notification.alert` to every signed-in user who may acknowledge a critical alarm, when it is
 * raised and each time it escalates, addressed to each by user id so it reaches them whatever page or
 * filters they have open. Each carries the alarm id and a link that opens it. Returns the unsubscribe.
 */
export function notifyCriticalAlarms(hub: Pick<Hub, 'onPublish' | 'connectedUsers' | 'publish'>): () => void {
  return hub.onPublish((event: PublishedEvent) => {
    if (event.event === 'alarm.raised') {
      const alarm = event.data;
      if (alarm.severity === 'critical') notify(hub, alarm, `Critical alarm: ${describeKind(alarm)}`, `ntf-${alarm.alarm_id}`);
    } else if (event.event === 'alarm.escalated') {
      const alarm = event.data;
      const waited = Math.round((Date.parse(event.ts) - Date.parse(alarm.raised_at)) / 60_000);
      const wait = !Number.isFinite(waited) ? 'still unacknowledged' : waited < 1 ? 'unacknowledged for under a minute' : `unacknowledged for ${waited} min`;
      const title = `Escalated: ${describeKind(alarm)} ${wait}`;
      notify(hub, alarm, title, `ntf-${alarm.alarm_id}-esc${alarm.escalations}`);
    }
  });
}

function notify(hub: Pick<Hub, 'connectedUsers' | 'publish'>, alarm: Alarm, title: string, idPrefix: string): void {
  for (const user of hub.connectedUsers()) {
    if (!can(user.role, 'alerts.ack')) continue;
    if (!seesLocation(user, alarm.location_id)) continue;
    const notification: Notification = {
      user_id: user.user_id,
      title,
      body: alarm.message,
      alarm_id: alarm.alarm_id,
      severity: alarm.severity,
      link: alarmLink(alarm.alarm_id),
    };
    hub.publish('notifications', 'notification.alert', notification, { id: `${idPrefix}-${user.user_id}` });
  }
}

function describeKind(alarm: Alarm): string {
  return alarm.kind.replace(/_/g, ' ');
}
