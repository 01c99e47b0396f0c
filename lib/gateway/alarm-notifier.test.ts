import { describe, expect, it } from 'vitest';
import type { Alarm, PublishedEvent, SessionUser } from '../protocol';
import { notifyCriticalAlarms } from './alarm-notifier';

const alarm = (over: Partial<Alarm>): Alarm => ({
  alarm_id: 'alm-1',
  kind: 'payout_error',
  severity: 'critical',
  state: 'unacked',
  shelved_until: null,
  source_ref: 'jp-1',
  location_id: 'loc-main',
  message: 'Community payout failed for 2 players',
  count: 1,
  raised_at: '2026-11-21T05:00:00.000Z',
  acked_at: null,
  acked_by: null,
  cleared_at: null,
  note: null,
  ...over,
});

function fakeHub(users: SessionUser[]) {
  let listener: (e: PublishedEvent) => void = () => {};
  const sent: { channel: string; event: string; data: Record<string, unknown> }[] = [];
  const hub = {
    onPublish: (l: (e: PublishedEvent) => void) => ((listener = l), () => {}),
    connectedUsers: () => users,
    publish: (channel: string, event: string, data: object) => {
      sent.push({ channel, event, data: data as Record<string, unknown> });
    },
  };
  const raise = (a: Alarm, event = 'alarm.raised') =>
    listener({ channel: 'alerts', event, seq: 1, id: 'x', ts: '', data: a } as PublishedEvent);
  return { hub: hub as Parameters<typeof notifyCriticalAlarms>[0], sent, raise };
}

const manager: SessionUser = { user_id: 'user-maya', name: 'Maya', role: 'manager' };
const operator: SessionUser = { user_id: 'user-olu', name: 'Olu', role: 'operator' };
const elsewhere: SessionUser = { user_id: 'user-ana', name: 'Ana', role: 'admin', locations: ['loc-high'] };

describe('notifyCriticalAlarms', () => {
  it('alerts each user who may acknowledge a new critical alarm, by user id', () => {
    const { hub, sent, raise } = fakeHub([manager, operator, elsewhere]);
    notifyCriticalAlarms(hub);
    raise(alarm({}));
    expect(sent).toEqual([
      {
        channel: 'notifications',
        event: 'notification.alert',
        data: { user_id: 'user-maya', title: 'Critical alarm: payout error', body: 'Community payout failed for 2 players', alarm_id: 'alm-1', severity: 'critical', link: '/alarms?alarm=alm-1' },
      },
    ]);
  });

  it('alerts the same users again on each escalation, with a distinct id and the wait in the title', () => {
    const { hub, sent, raise } = fakeHub([manager, operator, elsewhere]);
    const ids: string[] = [];
    const tapped = { ...hub, publish: (c: never, e: never, d: never, meta?: { id?: string }) => (ids.push(meta?.id ?? ''), hub.publish(c, e, d, meta)) };
    notifyCriticalAlarms(tapped as typeof hub);
    raise({ ...alarm({}), escalations: 2 } as Alarm, 'alarm.escalated');
    expect(sent).toEqual([
      {
        channel: 'notifications',
        event: 'notification.alert',
        data: expect.objectContaining({ user_id: 'user-maya', alarm_id: 'alm-1', link: '/alarms?alarm=alm-1', title: expect.stringMatching(/^Escalated: payout error (still )?unacknowledged/) }),
      },
    ]);
    expect(ids).toEqual(['ntf-alm-1-esc2-user-maya']);
  });

  it('stays quiet for lower severities and for changes to existing alarms', () => {
    const { hub, sent, raise } = fakeHub([manager]);
    notifyCriticalAlarms(hub);
    raise(alarm({ severity: 'high' }));
    raise(alarm({}), 'alarm.updated');
    expect(sent).toEqual([]);
  });
});
