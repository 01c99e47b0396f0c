'use client';

import { useMemo } from 'react';
import { Badge, type Tone } from '@/components/ui/badge';
import { formatClock, formatSince, locationLabel } from '@/components/ui/format';
import { Panel } from '@/components/ui/panel';
import { useNow } from '@/components/ui/use-now';
import { useStale } from '@/lib/store/use-liveness';
import { useMonitor } from '@/lib/store/use-monitor';

const ROLE_TONE: Record<string, Tone> = { manager: 'accent', admin: 'jackpot', sportsbook: 'win', operator: 'neutral' };

/** Who else is watching this floor or location (or the markets, for sportsbook staff), and since when. */
export function PresenceSidebar({ className }: { className?: string }) {
  const users = useMonitor((s) => s.presence.users);
  const loaded = useMonitor((s) => s.presence.loaded);
  const status = useMonitor((s) => s.connection.status);
  const selfId = useMonitor((s) => s.session.user?.user_id);
  const role = useMonitor((s) => s.session.user?.role);
  const locationId = useMonitor((s) => s.ui.locationId);
  const stale = useStale();
  const now = useNow(5000);
  const list = useMemo(() => Object.values(users).sort((a, b) => a.joined_at.localeCompare(b.joined_at)), [users]);
  const state = list.length > 0 ? 'ready' : status === 'reconnecting' || status === 'offline' ? 'disconnected' : loaded ? 'empty' : 'loading';
  const scope = role === 'sportsbook' ? 'Markets desk' : locationId ? locationLabel(locationId) : 'Whole floor';

  return (
    <Panel
      title="Online now"
      testId="presence-panel"
      state={state}
      stale={stale}
      emptyText="Nobody else is online"
      className={className}
      actions={<span className="text-xs text-fg-subtle">{scope}</span>}
    >
      <ul className="min-h-0 flex-1 overflow-y-auto" aria-label="Users online">
        {list.map((u) => {
          const name = typeof u.user_info.name === 'string' ? u.user_info.name : u.user_id;
          const userRole = typeof u.user_info.role === 'string' ? u.user_info.role : 'unknown';
          return (
            <li key={u.user_id} data-testid="presence-user" data-user-id={u.user_id} className="flex items-start gap-2 border-b border-line/60 px-3 py-1.5">
              <span className="mt-1.5 size-2 shrink-0 rounded-full bg-live" aria-hidden />
              <span className="min-w-0 flex-1">
                <span className="block truncate font-medium" title={name}>
                  {name}
                  {u.user_id === selfId ? <span className="text-fg-subtle"> (you)</span> : null}
                </span>
                <span className="flex items-center gap-2 text-xs text-fg-subtle">
                  <Badge tone={ROLE_TONE[userRole] ?? 'neutral'}>{userRole}</Badge>
                  <span className="num" title={`Online since ${formatClock(Date.parse(u.joined_at))}`}>
                    {formatSince(Date.parse(u.joined_at), now)}
                  </span>
                </span>
              </span>
            </li>
          );
        })}
      </ul>
    </Panel>
  );
}
