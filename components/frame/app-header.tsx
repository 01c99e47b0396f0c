'use client';

import type { SessionUser } from '@/lib/protocol';
import { canSeeFloor } from '@/lib/store/access';
import { AlertToggle } from './alert-toggle';
import { ConnectionBadge } from './connection-badge';
import { LocationFilter } from './location-filter';
import { MainNav } from './main-nav';
import { PauseToggle } from './pause-toggle';
import { UserMenu } from './user-menu';

/**
 * The control bar: product, routes, filters, live-feed controls, connection, and the user. In kiosk
 * mode only the product, the alert switch and the connection remain: a wall screen is watched, not driven.
 * On a phone it scrolls away with the page instead of holding a quarter of the screen.
 */
export function AppHeader({ user }: { user: SessionUser }) {
  const floor = canSeeFloor(user.role);
  return (
    <header data-testid="app-header" className="top-0 z-20 flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-line bg-room/95 px-3 py-2 backdrop-blur sm:sticky sm:px-4">
      <div className="flex items-center gap-2">
        <span className="grid size-7 place-items-center rounded bg-accent text-sm font-black text-room" aria-hidden>
          FM
        </span>
        <span className="text-lg font-bold tracking-tight whitespace-nowrap">Floor Monitor</span>
      </div>
      <div className="kiosk:hidden">
        <MainNav role={user.role} />
      </div>
      <div className="ml-auto flex flex-wrap items-center gap-2">
        {floor ? (
          <div className="kiosk:hidden">
            <LocationFilter />
          </div>
        ) : null}
        {/* A phone reads the floor at a glance; freezing the live tables is for a desk. */}
        <div className="kiosk:hidden max-sm:hidden">
          <PauseToggle />
        </div>
        {floor ? <AlertToggle /> : null}
        <ConnectionBadge />
        <div className="kiosk:hidden">
          <UserMenu user={user} />
        </div>
      </div>
    </header>
  );
}
