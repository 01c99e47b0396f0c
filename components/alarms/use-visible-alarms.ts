'use client';

import { useMemo } from 'react';
import { useNow } from '@/components/ui/use-now';
import { useMonitor } from '@/lib/store/use-monitor';
import { sortAlarms } from './sort-alarms';

/** Open alarms at the selected location in screen order, and the time they were ordered at. */
export function useVisibleAlarms() {
  const byId = useMonitor((s) => s.alarms.byId);
  const locationId = useMonitor((s) => s.ui.locationId);
  const now = useNow(5000);
  const alarms = useMemo(() => {
    const all = Object.values(byId).filter((a) => !locationId || a.location_id === locationId || a.location_id === null);
    return sortAlarms(all, now);
  }, [byId, locationId, now]);
  return { alarms, now };
}
