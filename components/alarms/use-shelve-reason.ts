'use client';

import { useEffect, useState } from 'react';
import type { Alarm } from '@/lib/protocol';
import { fetchAlarmDetail } from '@/lib/store/alarms-api';
import { useMonitor } from '@/lib/store/use-monitor';

/** Reasons already known, by alarm and shelf: the alarm itself does not carry it, its audit trail does. */
const known = new Map<string, string | null>();
const keyOf = (alarmId: string, shelvedUntil: string) => `${alarmId}@${shelvedUntil}`;

/** Keeps the reason this user just gave, so the row shows it before any lookup. */
export function rememberShelveReason(alarmId: string, shelvedUntil: string | null, reason: string): void {
  if (shelvedUntil) known.set(keyOf(alarmId, shelvedUntil), reason);
}

/** Why a shelved alarm was shelved, from its latest transition that gives a reason; undefined while looking. */
export function useShelveReason(alarm: Pick<Alarm, 'alarm_id' | 'shelved_until'>): string | null | undefined {
  const token = useMonitor((s) => s.session.token);
  const key = alarm.shelved_until ? keyOf(alarm.alarm_id, alarm.shelved_until) : null;
  const [, setFetched] = useState(0);

  useEffect(() => {
    if (!key || !token || known.has(key)) return;
    const abort = new AbortController();
    fetchAlarmDetail(token, alarm.alarm_id, abort.signal)
      .then(({ transitions }) => {
        const shelf = transitions.findLast((t) => t.action === 'shelve');
        known.set(key, shelf?.reason ?? null);
        setFetched((n) => n + 1);
      })
      .catch(() => {
        // the row still says until when; the reason shows once the history answers
      });
    return () => abort.abort();
  }, [key, token, alarm.alarm_id]);

  return key ? known.get(key) : null;
}
