'use client';

import { useMemo } from 'react';
import { locationLabel } from '@/components/ui/format';
import { useMonitor, useMonitorActions } from '@/lib/store/use-monitor';

/** Narrows every floor panel (and the presence scope) to one location. */
export function LocationFilter() {
  const devices = useMonitor((s) => s.devices.byId);
  const allowed = useMonitor((s) => s.session.user?.locations);
  const locationId = useMonitor((s) => s.ui.locationId);
  const { setLocation } = useMonitorActions();
  const locations = useMemo(() => {
    const ids = new Set<string>(allowed ?? []);
    for (const d of Object.values(devices)) if (d.location_id) ids.add(d.location_id);
    return [...ids].sort();
  }, [devices, allowed]);

  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="sr-only">Location</span>
      <select
        data-testid="location-filter"
        value={locationId ?? ''}
        onChange={(e) => setLocation(e.target.value || null)}
        className="h-9 max-w-44 rounded-md border border-line-strong bg-raised px-2 text-fg"
      >
        <option value="">All locations</option>
        {locations.map((id) => (
          <option key={id} value={id}>
            {locationLabel(id)}
          </option>
        ))}
      </select>
    </label>
  );
}
