import { createStore } from 'zustand/vanilla';
import type { ChannelParams } from '@/lib/protocol';
import type { PageSeed } from '@/lib/protocol/page-seed';
import { MAX_BULK_ACK } from '@/lib/protocol/alarm';
import { CHANNELS, type Channel } from '@/lib/protocol/channels';
import { presenceScope, subscriptionsFor } from './access';
import { type StoreItem, applyBatch } from './apply-batch';
import { FrameBatcher, type Schedule } from './frame-batcher';
import { FrameBudget, type FramePacing } from './frame-budget';
import { initialData } from './initial-data';
import type { MonitorState } from './monitor-state';
import { seededData } from './page-seed';
import { withAlarmAction, withAlarmActions } from './slices/alarms-slice';
import { releaseHeldBets } from './slices/bets-slice';
import { releaseHeldWins } from './slices/wins-slice';
import { SocketClient } from './socket-client';
import type { AdoptedSocket, Clock, RequestResult, SocketConstructor, SocketListener } from './socket-types';
import { forgetToken, readToken, saveToken, takeTokenFromUrl, tokenExpired, userFromToken } from './token';

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Data counts as stale once nothing has arrived for this many heartbeat intervals (the socket is replaced at two). */
const QUIET_INTERVALS = 1.5;

/** The browser facilities the store uses; tests pass fakes. */
export interface MonitorStoreDeps {
  WebSocketImpl: SocketConstructor;
  /** The `/v1/ws` address (the token travels in the first frame, never in it). */
  wsUrl: () => string;
  storage: StorageLike;
  /** Where `?token=` may come from; absent outside a browser. */
  page?: { location: Pick<Location, 'href'>; history: Pick<History, 'replaceState' | 'state'> };
  /** The connection the page opened for `token` before the store loaded, if any (taken once). */
  adoptSocket?: (token: string) => AdoptedSocket | null;
  /** When to move from the adopted connection onto one of `WebSocketImpl`'s, once it is welcomed; never if absent. */
  moveAdoptedAfterMs?: number;
  /** Flush timing for tickers (jackpot values, presence) and for tables and charts. */
  tickerSchedule: Schedule;
  tableSchedule: Schedule;
  /** When a table batch may go before `tableSchedule`'s tick: at the first frame the page can afford. */
  tablePacing?: FramePacing;
  clock?: Clock;
  /** Called when the gateway refuses the token (close 4401). */
  onUnauthorized?: () => void;
  /** The data the server rendered the page with (`page-seed.ts`); the store starts from it. */
  seed?: PageSeed | null;
}

export type MonitorStore = ReturnType<typeof createMonitorStore>;

/** Creates one dashboard store; the socket and batchers live in its closure, never in React state. */
export function createMonitorStore(deps: MonitorStoreDeps) {
  return createStore<MonitorState>()((set, get) => {
    let client: SocketClient | null = null;
    let joined: { channel: Channel; params: ChannelParams } | null = null;
    const now = () => deps.clock?.now() ?? Date.now();
    /** Where the seeded bets stand: the first connection for the seed's user resumes `game` there. */
    let seeded = deps.seed ?? null;

    const apply = (items: StoreItem[]) => set((s) => applyBatch(s, items, { now: now(), paused: s.ui.paused }));
    const tickers = new FrameBatcher<StoreItem>(deps.tickerSchedule, apply);
    const tables = new FrameBatcher<StoreItem>(deps.tableSchedule, apply, deps.tablePacing && new FrameBudget(deps.tablePacing));
    /** Channels whose data has reached the tables batcher since the session began. */
    const begun = new Set<Channel>();
    const route = (item: StoreItem) => {
      if (item.type === 'presence' || item.type === 'presence_list_response' || item.channel === 'jackpots') return tickers.push(item);
      // A channel's first data goes at the next frame: someone opening the page waits for it, and the
      // budget, still holding the cost of the page's first render, would keep it to the full tick.
      const first = !begun.has(item.channel);
      if (first) begun.add(item.channel);
      tables.push(item, first);
    };
    const patchConnection = (patch: Partial<MonitorState['connection']>) => set((s) => ({ connection: { ...s.connection, ...patch } }));
    const setChannel = (channel: Channel, readiness: 'pending' | 'ready' | 'error') =>
      set((s) => ({ connection: { ...s.connection, channels: { ...s.connection.channels, [channel]: readiness } } }));

    /** Joins the presence scope of the user's role and selected location, leaving the previous one. */
    const joinPresence = () => {
      const { session, ui } = get();
      if (!client || !session.user) return;
      const scope = presenceScope(session.user.role, ui.locationId);
      if (joined) void client.request({ type: 'presence_leave', ...joined });
      joined = scope;
      void client.request({ type: 'presence_join', ...scope, user_info: { name: session.user.name, role: session.user.role } });
      void client.request({ type: 'presence_list', ...scope });
    };

    const listener: SocketListener = {
      status: (status, detail) => patchConnection({ status, detail }),
      welcome: (frame) => {
        joined = null;
        set((s) => ({
          connection: { ...s.connection, epoch: frame.epoch, heartbeatMs: frame.heartbeat_interval_ms || s.connection.heartbeatMs, quiet: false },
          session: { ...s.session, user: s.session.user ? { ...s.session.user, ...frame.user } : { ...frame.user } },
        }));
        joinPresence();
      },
      data: route,
      subscribed: (channel) => {
        const current = get().connection.channels[channel];
        setChannel(channel, CHANNELS[channel].stateful && current !== 'ready' ? 'pending' : 'ready');
      },
      resync: (channel) => route({ type: 'resync', channel }),
      channelError: (channel, error) => {
        setChannel(channel, 'error');
        patchConnection({ lastError: `${channel}: ${error.message}` });
      },
      error: (frame) => patchConnection({ lastError: frame.message }),
      stats: ({ rttMs, eventsPerSec, lastFrameAt }) => {
        const quiet = lastFrameAt !== null && now() - lastFrameAt > get().connection.heartbeatMs * QUIET_INTERVALS;
        patchConnection({ rttMs, eventsPerSec, lastFrameAt, quiet });
      },
      unauthorized: (reason) => {
        const { session, connection } = get();
        const expired = session.token !== null && tokenExpired(session.token, now());
        // The gateway explains itself in an error frame just before it closes with 4401.
        endSession(expired ? { reason: 'expired' } : { reason: 'refused', message: connection.lastError ?? reason });
        deps.onUnauthorized?.();
      },
    };

    /** Closes the connection and clears every slice; `ended` says why when it was not this tab's own sign-out. */
    const endSession = (ended: MonitorState['session']['ended']) => {
      client?.stop();
      client = null;
      joined = null;
      tickers.dispose();
      tables.dispose();
      begun.clear();
      forgetToken(deps.storage);
      const data = initialData();
      set({ ...data, session: { ...data.session, checked: true, ended } });
    };

    const connect = (token: string) => {
      client?.stop();
      const user = userFromToken(token, now());
      set({ session: { token, user, checked: true, ended: null } });
      const resumeFrom = seeded && user?.user_id === seeded.user.user_id ? [{ channel: 'game' as const, seq: seeded.bets.seq, epoch: seeded.bets.epoch }] : [];
      seeded = null;
      client = new SocketClient({
        url: deps.wsUrl,
        token: () => token,
        WebSocketImpl: deps.WebSocketImpl,
        adopt: deps.adoptSocket && (() => deps.adoptSocket!(token)),
        moveAdoptedAfterMs: deps.moveAdoptedAfterMs,
        resumeFrom,
        clock: deps.clock,
        subscriptions: () => {
          const u = get().session.user;
          return u ? subscriptionsFor(u.role, u.user_id) : [];
        },
        listener,
      });
      client.start();
    };

    const request = (frame: Record<string, unknown> & { type: string }): Promise<RequestResult> =>
      client ? client.request(frame) : Promise.resolve({ ok: false, error: { code: 'not_connected', message: 'Not connected' } });

    const alarmAction = async (kind: 'ack' | 'shelve' | 'unshelve', alarmId: string, frame: Record<string, unknown>): Promise<RequestResult> => {
      set((s) => ({ alarms: withAlarmAction(s.alarms, alarmId, { kind, status: 'pending' }) }));
      const result = await request({ type: kind, alarm_id: alarmId, ...frame });
      if (result.ok) {
        const alarm = result.frame.type === 'response' ? result.frame.alarm : undefined;
        set((s) => ({ alarms: withAlarmAction(s.alarms, alarmId, { kind, status: 'done' }, alarm) }));
      } else {
        set((s) => ({ alarms: withAlarmAction(s.alarms, alarmId, { kind, status: 'failed', message: result.error.message }) }));
      }
      return result;
    };

    /** One `ack` frame for many alarms; the answer lists the acknowledged alarms and the ones that failed. */
    const bulkAck = async (alarmIds: string[], note: string | undefined): Promise<RequestResult> => {
      const pending = { kind: 'ack', status: 'pending' } as const;
      set((s) => ({ alarms: withAlarmActions(s.alarms, alarmIds.map((alarmId) => ({ alarmId, action: pending }))) }));
      const result = await request({ type: 'ack', alarm_ids: alarmIds, ...(note ? { note } : {}) });
      const response = result.ok && result.frame.type === 'response' ? result.frame : null;
      const done = new Map((response?.alarms ?? []).map((a) => [a.alarm_id, a]));
      const failed = new Map((response?.failed ?? []).map((f) => [f.alarm_id, f.code]));
      const message = result.ok ? 'Not acknowledged' : result.error.message;
      set((s) => ({
        alarms: withAlarmActions(
          s.alarms,
          alarmIds.map((alarmId) => {
            const alarm = done.get(alarmId);
            if (alarm) return { alarmId, alarm, action: { kind: 'ack', status: 'done' } };
            const code = failed.get(alarmId);
            return { alarmId, action: { kind: 'ack', status: 'failed', message: code ? `Not acknowledged: ${code.replace(/_/g, ' ')}` : message } };
          }),
        ),
      }));
      return result;
    };

    return {
      ...(deps.seed ? seededData(deps.seed) : initialData()),
      actions: {
        start: () => {
          const fromUrl = deps.page ? takeTokenFromUrl(deps.page.location, deps.page.history, deps.storage) : null;
          const token = fromUrl ?? readToken(deps.storage);
          if (!token) {
            set((s) => ({ session: { ...s.session, checked: true } }));
            return false;
          }
          if (!userFromToken(token, now())) {
            // Kept tokens that expired are forgotten, and the login page says why.
            endSession(tokenExpired(token, now()) ? { reason: 'expired' } : { reason: 'refused', message: 'the token could not be read' });
            return false;
          }
          if (client && get().session.token === token) return true;
          connect(token);
          return true;
        },
        signIn: (token) => {
          saveToken(deps.storage, token);
          connect(token);
        },
        signOut: () => endSession(null),
        syncToken: () => {
          const token = readToken(deps.storage);
          const current = get().session.token;
          if (token === current) return;
          if (token === null) {
            if (current !== null) endSession({ reason: 'signed_out' });
            return;
          }
          if (userFromToken(token, now())) connect(token);
        },
        checkLiveness: () => client?.checkLiveness(),
        stop: () => {
          client?.stop();
          client = null;
          tickers.dispose();
          tables.dispose();
        },
        setPaused: (paused) => {
          tables.flushNow();
          set((s) => ({
            ui: { ...s.ui, paused },
            ...(paused ? {} : { bets: releaseHeldBets(s.bets), wins: releaseHeldWins(s.wins) }),
          }));
        },
        setLocation: (locationId) => {
          set((s) => ({ ui: { ...s.ui, locationId }, presence: { users: {}, loaded: false } }));
          if (client?.status === 'live') joinPresence();
        },
        setNotifyOptIn: (on) => set((s) => ({ ui: { ...s.ui, notifyOptIn: on } })),
        acknowledge: (alarmId, note) => alarmAction('ack', alarmId, note ? { note } : {}),
        acknowledgeMany: async (alarmIds, note) => {
          // One frame names at most MAX_BULK_ACK alarms; a longer pick goes in turns.
          let last: RequestResult = { ok: false, error: { code: 'not_connected', message: 'Nothing to acknowledge' } };
          for (let i = 0; i < alarmIds.length; i += MAX_BULK_ACK) {
            last = await bulkAck(alarmIds.slice(i, i + MAX_BULK_ACK), note);
            if (!last.ok) break;
          }
          return last;
        },
        shelve: (alarmId, minutes, reason) => alarmAction('shelve', alarmId, { minutes, reason }),
        unshelve: (alarmId) => alarmAction('unshelve', alarmId, {}),
      },
    };
  });
}
