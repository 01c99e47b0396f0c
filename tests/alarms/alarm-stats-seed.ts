import type { AlarmService } from '../../lib/gateway/alarms/types';
import { manager } from './support';

/**
 * The alarm load at loc-stats that the stats and history tests share: a day after the history's alarms, a
 * burst of twelve, four acks, one clear, a chattering door, and one alarm standing since the day before.
 */
export async function seedStats(service: AlarmService, at: (iso: string) => void): Promise<void> {
  at('2025-05-11T09:00:00Z');
  await service.raise({ kind: 'device_offline', source_ref: 'L-1', location_id: 'loc-stats', message: 'Terminal L-1 is offline' });
  for (let i = 0; i < 12; i++) {
    at(new Date(Date.parse('2025-05-12T10:00:00Z') + i * 10_000).toISOString());
    await service.raise({ kind: 'device_offline', source_ref: `S-${i}`, location_id: 'loc-stats', message: `Terminal S-${i} is offline` });
  }
  at('2025-05-12T10:05:00Z');
  const open = (await service.page({ locationIds: ['loc-stats'], limit: 100 })).alarms;
  for (const ref of ['S-0', 'S-1', 'S-2', 'S-3']) await service.ack(open.find((a) => a.source_ref === ref)!.alarm_id, manager);
  at('2025-05-12T10:10:00Z');
  await service.clear('device_offline', 'S-0');
  for (const s of ['00', '10', '20']) {
    at(`2025-05-12T10:20:${s}Z`);
    await service.raise({ kind: 'casino_alert', source_ref: 'C-1:doorOpen', location_id: 'loc-stats', message: 'Door open on C-1' });
  }
}
