'use client';

import { useMemo } from 'react';
import { useMonitor } from '@/lib/store/use-monitor';

/** The live bets at the selected location, newest first. */
export function useVisibleBets() {
  const rows = useMonitor((s) => s.bets.rows);
  const held = useMonitor((s) => s.bets.held.length);
  const locationId = useMonitor((s) => s.ui.locationId);
  const visible = useMemo(() => (locationId ? rows.filter((r) => r.location_id === locationId) : rows), [rows, locationId]);
  return { rows: visible, held };
}
