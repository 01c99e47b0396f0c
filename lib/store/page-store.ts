/*
 * The browser's dashboard store for this page, with its socket, storage and pacing.
 */
import { afterDelay, onAnimationFrame } from './frame-batcher';
import { takeEarlySocket } from './early-socket';
import { type MonitorStore, createMonitorStore } from './monitor-store';
import { readPageSeed } from './page-seed';
import { readToken } from './token';
import type { PageSeed } from '@/lib/protocol/page-seed';
import type { SocketConstructor, SocketLike } from './socket-types';
import { WorkerSocket, workerSocketSupported } from './worker-socket';

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

/**
 * The page's own connections (the first is the head script's): in a worker where the browser can run one
 * (`worker-socket.ts`), else the browser's WebSocket, looked up when a connection opens (never during
 * server rendering). The client uses only the `SocketLike` part of it; the DOM types its handlers for
 * `MessageEvent`, a wider event.
 */
const BrowserSocket: SocketConstructor = class {
  constructor(url: string) {
    return (workerSocketSupported() ? new WorkerSocket(url) : new WebSocket(url)) as SocketLike;
  }
} as SocketConstructor;

/**
 * How long after the head script's connection is welcomed the client moves onto a worker's: by then the
 * page has drawn its first data, and the worker's start no longer competes with loading it.
 */
const MOVE_TO_WORKER_MS = 2000;

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

/** A browser store; `seed` is the data the page was rendered with, if any. */
export function createBrowserStore(seed: PageSeed | null = null): MonitorStore {
  return createMonitorStore({
    seed,
    WebSocketImpl: BrowserSocket,
    wsUrl,
    adoptSocket: (token) => takeEarlySocket(window as unknown as Record<string, unknown>, wsUrl(), token),
    moveAdoptedAfterMs: workerSocketSupported() ? MOVE_TO_WORKER_MS : undefined,
    storage: browserStore,
    get page() {
      return { location: window.location, history: window.history };
    },
    tickerSchedule: afterDelay(TICKER_FLUSH_MS),
    tableSchedule: afterDelay(TABLE_FLUSH_MS),
    tablePacing: { schedule: onAnimationFrame(), share: TABLE_SHARE, frameMs: 1000 / 60, now: () => performance.now() },
  });
}

/** Makes a browser store and starts it: it connects at once when a token is in storage. */
function startedStore(): MonitorStore {
  const store = createBrowserStore(readPageSeed(document, readToken(browserStore)));
  store.getState().actions.start();
  return store;
}

/**
 * The page's store, made and connecting as soon as this module loads in the browser. The root's
 * `instrumentation-client.ts` loads it before Next evaluates the app and React hydrates the page, so the
 * socket's subscriptions and snapshots overlap the evaluation of the page's modules and hydration instead
 * of following them. Hydration still renders the store's initial state (zustand hands React that as the
 * server snapshot), so it matches the server's HTML; the data shows in the render right after. A page the
 * server rendered with data (`page-seed.ts`) starts the store from the same seed, so that initial state
 * holds it too. The head script has already moved a `?token=` from the address bar into storage by now,
 * and opened the connection the store takes over (`early-socket.ts`).
 */
export const pageStore: MonitorStore | null = typeof window === 'undefined' ? null : startedStore();
