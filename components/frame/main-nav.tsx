'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { Role } from '@/lib/protocol';
import { awaitsAck } from '@/components/alarms/alarm-sections';
import { cx } from '@/components/ui/cx';
import { useNow } from '@/components/ui/use-now';
import { canSeeFloor, canSeeMarkets } from '@/lib/store/access';
import { useMonitor } from '@/lib/store/use-monitor';

/** Routes the role may open; the alarms link carries the count still waiting for acknowledgement. */
export function MainNav({ role }: { role: Role }) {
  const pathname = usePathname();
  const now = useNow(5000);
  // Shelved alarms count nowhere until they return (ISA-18.2).
  const unacked = useMonitor((s) => Object.values(s.alarms.byId).filter((a) => awaitsAck(a, now)).length);
  const links = [
    ...(canSeeFloor(role) ? [{ href: '/', label: 'Floor' }, { href: '/alarms', label: 'Alarms', count: unacked }] : []),
    ...(canSeeMarkets(role) ? [{ href: '/sportsbook', label: 'Sportsbook' }] : []),
  ];
  return (
    <nav aria-label="Main" className="flex items-center gap-1">
      {links.map((l) => {
        const active = l.href === '/' ? pathname === '/' : pathname.startsWith(l.href);
        return (
          <Link
            key={l.href}
            href={l.href}
            aria-current={active ? 'page' : undefined}
            className={cx('flex h-9 items-center gap-2 rounded-md px-3 text-sm font-semibold', active ? 'bg-raised text-fg' : 'text-fg-muted hover:bg-raised hover:text-fg')}
          >
            {l.label}
            {'count' in l && l.count ? (
              <span data-testid="nav-unacked" aria-label={`${l.count} unacknowledged`} className="num rounded-full bg-crit px-1.5 text-xs leading-5 text-room">
                {l.count}
              </span>
            ) : null}
          </Link>
        );
      })}
    </nav>
  );
}
