'use client';

import { Badge } from '@/components/ui/badge';
import { locationLabel } from '@/components/ui/format';
import { Panel } from '@/components/ui/panel';
import { ScrollArea } from '@/components/ui/scroll-area';
import { usePanelState } from '@/lib/store/use-panel-state';
import { DeviceTile } from './device-tile';
import { useDeviceAlarmIds, useFloorDevices } from './use-floor-devices';

/** Devices by location, online or offline at a glance; offline tiles open their alarm. */
export function FloorMap({ className }: { className?: string }) {
  const groups = useFloorDevices();
  const alarmIds = useDeviceAlarmIds();
  const total = groups.reduce((n, g) => n + g.devices.length, 0);
  const offline = groups.reduce((n, g) => n + g.offline, 0);
  const { state, stale } = usePanelState(['system'], total > 0);

  return (
    <Panel
      title="Floor"
      testId="floor-map"
      state={state}
      stale={stale}
      emptyText="No devices registered"
      className={className}
      actions={
        <>
          <Badge tone="live">{total - offline} online</Badge>
          <Badge tone={offline ? 'crit' : 'neutral'}>{offline} offline</Badge>
        </>
      }
    >
      <ScrollArea label="Devices by location" className="flex flex-col gap-2 p-3">
        {groups.map((g) => (
          <section key={g.locationId ?? 'none'} data-testid="floor-location" aria-label={locationLabel(g.locationId)} className="grid grid-cols-[5.5rem_minmax(0,1fr)] items-start gap-2">
            <h3 className="pt-0.5 text-sm leading-tight font-semibold">
              {locationLabel(g.locationId)}
              <span className={g.offline ? 'num block text-xs font-normal text-crit' : 'num block text-xs font-normal text-fg-subtle'}>
                {g.offline ? `${g.offline} offline` : `${g.devices.length} devices`}
              </span>
            </h3>
            <div className="grid grid-cols-[repeat(auto-fill,minmax(2.4rem,1fr))] gap-1">
              {g.devices.map((d) => (
                <DeviceTile key={d.device_id} device={d} alarmId={alarmIds[d.device_id]} />
              ))}
            </div>
          </section>
        ))}
      </ScrollArea>
    </Panel>
  );
}
