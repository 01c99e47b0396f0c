'use client';

import { createContext, type ReactNode, useEffect, useState } from 'react';
import type { PageSeed } from '@/lib/protocol/page-seed';
import type { MonitorStore } from './monitor-store';
import { createBrowserStore, pageStore } from './page-store';
import { TOKEN_KEY } from './token';

export const MonitorStoreContext = createContext<MonitorStore | null>(null);

/**
 * Provides this page's dashboard store (a new one per request when rendering on the server, from the
 * request's `seed`; the browser's was made from the same seed before hydration), connects
 * when a token is found, and closes on teardown. A refused token clears the session; the frame then
 * sends the user to the login page. Signing in or out in another tab is followed here; a page that
 * wakes or comes to the foreground checks at once that data still arrives (its timers may have been
 * held back meanwhile).
 */
export function MonitorStoreProvider({ seed, children }: { seed: PageSeed | null; children: ReactNode }) {
  const [store] = useState(() => pageStore ?? createBrowserStore(seed));

  useEffect(() => {
    const { actions } = store.getState();
    actions.start();
    const onStorage = (event: StorageEvent) => {
      if (event.key === TOKEN_KEY || event.key === null) actions.syncToken();
    };
    const onWake = () => {
      if (document.visibilityState === 'visible') actions.checkLiveness();
    };
    window.addEventListener('storage', onStorage);
    document.addEventListener('visibilitychange', onWake);
    window.addEventListener('pageshow', onWake);
    window.addEventListener('focus', onWake);
    return () => {
      window.removeEventListener('storage', onStorage);
      document.removeEventListener('visibilitychange', onWake);
      window.removeEventListener('pageshow', onWake);
      window.removeEventListener('focus', onWake);
      actions.stop();
    };
  }, [store]);

  return <MonitorStoreContext.Provider value={store}>{children}</MonitorStoreContext.Provider>;
}
