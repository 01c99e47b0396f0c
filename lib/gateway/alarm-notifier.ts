import { type Alarm, type Notification, type PublishedEvent, can } from '../protocol';
import type { Hub } from './types';

/**
 * Sends a `notification.alert` to every signed-in user who may acknowledge a newly raised critical
 * alarm, addressed to each by user id so it reaches them whatever page or filters they have open.
 * Returns the unsubscribe.
 */
export function notifyCriticalAlarms(hub: Pick<Hub, 'onPublish' | 'connectedUsers' | 'publish'>): () => void {
  return hub.onPublish((event: PublishedEvent) => {
    if (event.channel !== 'alerts' || event.event !== 'alarm.raised') return;
    const alarm = event.data as unknown as Alarm;
    if (alarm.severity !== 'critical') return;
    for (const user of hub.connectedUsers()) {
      if (!can(user.role, 'alerts.ack')) continue;
      if (user.locations && (alarm.location_id === null || !user.locations.includes(alarm.location_id))) continue;
      const notification: Notification = {
        user_id: user.user_id,
        title: `Critical alarm: ${alarm.kind.replace(/_/g, ' ')}`,
        body: alarm.message,
        alarm_id: alarm.alarm_id,
        severity: alarm.severity,
      };
      hub.publish('notifications', 'notification.alert', notification, { id: `ntf-${alarm.alarm_id}-${user.user_id}` });
    }
  });
}
