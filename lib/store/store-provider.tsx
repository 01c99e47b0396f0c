'use client';

import { createContext, type ReactNode, useEffect, useState } from 'react';
import { afterDelay, onAnimationFrame } from './frame-batcher';
import { takeEarlySocket } from './early-socket';
import { type MonitorStore, createMonitorStore } from './monitor-store';
import type { SocketConstructor, SocketLike } from './socket-types';
import { TOKEN_KEY } from './token';

/** Tables and charts take new data at least this often, however loaded the page is. */
const TABLE_FLUSH_MS = 200;
/**
 * Tickers (pot values, presence) take new data this often: ten readings a second is live to the eye,
 * and a page that changes something every frame must paint every frame, which a busy machine cannot
 * rasterize in time (at 5k events/s here, 13 frames a second with them at every frame, 17 at 100 ms).
 */
const TICKER_FLUSH_MS = 100;
/**
 * The share of the main thread table and chart updates may take. Each goes at the next animation frame
 * the share allows, so at low rates a bet shows within a frame or two; while frames run late (a flood of
 * socket frames to read, a slow machine) updates keep to the 200 ms tick, so the frame rate holds.
 */
const TABLE_SHARE = 0.25;

export const MonitorStoreContext = createContext<MonitorStore | null>(null);

/**
 * The browser's WebSocket, looked up when a connection opens (never during server rendering). The client
 * uses only the `SocketLike` part of it; the DOM types its handlers for `MessageEvent`, a wider event.
 */
const BrowserSocket: SocketConstructor = class {
  constructor(url: string) {
    return new WebSocket(url) as SocketLike;
  }
} as SocketConstructor;

/** localStorage (shared by the browser's tabs), looked up at use so the store can be created while rendering on the server. */
const browserStore = {
  getItem: (key: string) => window.localStorage.getItem(key),
  setItem: (key: string, value: string) => window.localStorage.setItem(key, value),
  removeItem: (key: string) => window.localStorage.removeItem(key),
};

function wsUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/v1/ws`;
}

function createBrowserStore(): MonitorStore {
  return createMonitorStore({
    WebSocketImpl: BrowserSocket,
    wsUrl,
    adoptSocket: (token) => takeEarlySocket(window as unknown as Record<string, unknown>, wsUrl(), token),
    storage: browserStore,
    get page() {
      return { location: window.location, history: window.history };
    },
    tickerSchedule: afterDelay(TICKER_FLUSH_MS),
    tableSchedule: afterDelay(TABLE_FLUSH_MS),
    tablePacing: { schedule: onAnimationFrame(), share: TABLE_SHARE, frameMs: 1000 / 60, now: () => performance.now() },
  });
}

/**
 * The page's store, made and connecting as soon as this module loads in the browser, before React
 * hydrates the page: the socket's handshake, subscriptions and snapshots overlap hydration instead of
 * following it. Hydration still renders the store's initial state (zustand hands React that as the
 * server snapshot), so it matches the server's HTML; the data shows in the render right after. The head
 * script has already moved a `?token=` from the address bar into storage by now, and opened the
 * connection the store takes over (`early-socket.ts`).
 */
let pageStore: MonitorStore | null = null;
if (typeof window !== 'undefined') {
  pageStore = createBrowserStore();
  pageStore.getState().actions.start();
}

/**
 * Provides this page's dashboard store (a new one per request when rendering on the server), connects
 * when a token is found, and closes on teardown. A refused token clears the session; the frame then
 * sends the user to the login page. Signing in or out in another tab is followed here; a page that
 * wakes or comes to the foreground checks at once that data still arrives (its timers may have been
 * held back meanwhile).
 */
export function MonitorStoreProvider({ children }: { children: ReactNode }) {
  const [store] = useState(() => pageStore ?? createBrowserStore());

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
