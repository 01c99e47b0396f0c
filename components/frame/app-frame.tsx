'use client';

import { usePathname, useRouter } from 'next/navigation';
import { type ReactNode, useEffect } from 'react';
import { canSeeFloor, canSeeMarkets, homeRoute } from '@/lib/store/access';
import { loginPath } from '@/lib/store/return-path';
import { useMonitor } from '@/lib/store/use-monitor';
import { AppHeader } from './app-header';
import { NotPermitted } from './not-permitted';
import { NotificationToasts } from './notification-toasts';

export type Audience = 'floor' | 'sportsbook';

/**
 * The signed-in frame of an audience's routes: sends visitors without a token to the login page (which
 * says why the session ended and brings them back here),
 * sends sportsbook staff from the floor home to theirs, and says so plainly on other screens a role may not open.
 */
export function AppFrame({ audience, children }: { audience: Audience; children: ReactNode }) {
  const checked = useMonitor((s) => s.session.checked);
  const user = useMonitor((s) => s.session.user);
  const ended = useMonitor((s) => s.session.ended);
  const router = useRouter();
  const pathname = usePathname();
  const allowed = user ? (audience === 'floor' ? canSeeFloor(user.role) : canSeeMarkets(user.role)) : false;

  useEffect(() => {
    if (!checked) return;
    if (!user) router.replace(loginPath(window.location, ended));
    else if (!allowed && pathname === '/') router.replace(homeRoute(user.role));
  }, [checked, user, ended, allowed, pathname, router]);

  if (!checked || !user) {
    return (
      <div data-testid="session-splash" className="grid min-h-dvh place-items-center text-fg-muted" role="status">
        Opening Floor Monitor…
      </div>
    );
  }
  return (
    <div className="flex min-h-dvh flex-col lg:h-dvh">
      <AppHeader user={user} />
      <main className="min-h-0 flex-1 p-3">{allowed ? children : <NotPermitted role={user.role} home={homeRoute(user.role)} />}</main>
      <NotificationToasts />
    </div>
  );
}
