import Link from 'next/link';
import { memo } from 'react';
import type { DeviceState } from '@/lib/protocol';
import { alarmLink } from '@/lib/protocol/alarm';
import { cx } from '@/components/ui/cx';

/**
 * One device: green when online; red, and a link to its alarm, when offline. The link is not prefetched:
 * a floor with many devices down would otherwise ask the server for the alarms page once per tile on load
 * (the navigation's own link prefetches that page once).
 */
export const DeviceTile = memo(function DeviceTile({ device, alarmId }: { device: DeviceState; alarmId?: string }) {
  const label = device.device_id.replace(/^SLOT-/, '');
  const title = `${device.device_id} · ${device.type}${device.game_id ? ` · ${device.game_id}` : ''} · ${device.online ? 'online' : 'OFFLINE'}`;
  const className = cx(
    'num block h-6 min-w-0 truncate rounded-sm border px-0.5 text-center text-[11px] leading-[22px] font-semibold',
    device.online ? 'border-live/30 bg-live/10 text-live' : 'border-crit bg-crit/25 text-fg',
    device.type !== 'slot' && 'rounded-full',
  );
  if (!device.online && alarmId) {
    return (
      <Link href={alarmLink(alarmId)} prefetch={false} title={`${title} — open alarm`} data-testid="device-tile" data-online="false" className={cx(className, 'hover:bg-crit/40')}>
        {label}
      </Link>
    );
  }
  return (
    <span title={title} data-testid="device-tile" data-online={device.online} className={className}>
      {label}
    </span>
  );
});
