'use client';

import { createContext, type ReactNode, useEffect, useState } from 'react';
import { afterDelay, onAnimationFrame } from './frame-batcher';
import { type MonitorStore, createMonitorStore } from './monitor-store';
import type { SocketConstructor } from './socket-types';

/** Tables and charts take new data at most this often. */
const TABLE_FLUSH_MS = 200;

export const MonitorStoreContext = createContext<MonitorStore | null>(null);

/** The browser's WebSocket, looked up when a connection opens (never during server rendering). */
const BrowserSocket = function BrowserSocket(url: string) {
  return new WebSocket(url);
} as unknown as SocketConstructor;

/** sessionStorage, looked up at use so the store can be created while rendering on the server. */
const sessionStore = {
  getItem: (key: string) => window.sessionStorage.getItem(key),
  setItem: (key: string, value: string) => window.sessionStorage.setItem(key, value),
  removeItem: (key: string) => window.sessionStorage.removeItem(key),
};

function wsUrl(token: string): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/v1/ws?token=${encodeURIComponent(token)}`;
}

/**
 * Creates this page's dashboard store, connects when a token is found, and closes on teardown.
 * A refused token clears the session; the frame then sends the user to the login page.
 */
export function MonitorStoreProvider({ children }: { children: ReactNode }) {
  const [store] = useState(() =>
    createMonitorStore({
      WebSocketImpl: BrowserSocket,
      wsUrl,
      storage: sessionStore,
      get page() {
        return { location: window.location, history: window.history };
      },
      tickerSchedule: onAnimationFrame(),
      tableSchedule: afterDelay(TABLE_FLUSH_MS),
    }),
  );

  useEffect(() => {
    const { actions } = store.getState();
    actions.start();
    return () => actions.stop();
  }, [store]);

  return <MonitorStoreContext.Provider value={store}>{children}</MonitorStoreContext.Provider>;
}
