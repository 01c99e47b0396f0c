'use client';

import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { cx } from '@/components/ui/cx';
import { formatSince, locationLabel } from '@/components/ui/format';
import { Panel } from '@/components/ui/panel';
import { alarmLink } from '@/lib/protocol/alarm';
import { usePanelState } from '@/lib/store/use-panel-state';
import { SeverityBadge } from './alarm-badges';
import { awaitsAck } from './alarm-sections';
import { isShelved } from './sort-alarms';
import { useVisibleAlarms } from './use-visible-alarms';

const SHOWN = 8;

/**
 * The floor overview's view of alarms: the most urgent few, with a link to act on them. Each alarm's
 * link is not prefetched: the alarms page is one page whatever alarm it opens, and the navigation's
 * link already prefetches it.
 */
export function AlarmsSummary({ className }: { className?: string }) {
  const { alarms, now } = useVisibleAlarms();
  const { state, stale } = usePanelState(['alerts'], alarms.length > 0);
  const unacked = alarms.filter((a) => awaitsAck(a, now)).length;

  return (
    <Panel
      title="Alarms"
      testId="alarms-summary"
      state={state}
      stale={stale}
      emptyText="No open alarms"
      className={className}
      actions={
        <>
          <Badge tone={unacked ? 'crit' : 'neutral'}>{unacked} unacked</Badge>
          <Link href="/alarms" className="text-sm font-semibold text-accent hover:underline">
            All alarms →
          </Link>
        </>
      }
    >
      <ul className="min-h-0 flex-1 overflow-y-auto">
        {alarms.slice(0, SHOWN).map((a) => {
          const urgent = a.severity === 'critical' && a.state === 'unacked' && !isShelved(a, now);
          return (
            <li key={a.alarm_id} data-testid="alarm-summary-row" data-state={a.state} className={cx('border-b border-line/60 border-l-4', urgent ? 'border-l-crit bg-crit-bg' : 'border-l-transparent')}>
              <Link href={alarmLink(a.alarm_id)} prefetch={false} className="grid grid-cols-[auto_minmax(0,1fr)_auto] items-center gap-2 px-3 py-1.5 hover:bg-raised">
                <SeverityBadge severity={a.severity} />
                <span className="min-w-0">
                  <span className="block text-sm font-medium break-words">{a.message}</span>
                  <span className="block text-xs text-fg-muted">
                    {locationLabel(a.location_id)} · {isShelved(a, now) ? 'shelved' : a.state === 'acked' ? 'acked' : a.state === 'cleared_unacked' ? 'cleared, unacked' : 'unacked'}
                  </span>
                </span>
                <span className="num text-xs text-fg-subtle">{formatSince(Date.parse(a.raised_at), now)}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </Panel>
  );
}
