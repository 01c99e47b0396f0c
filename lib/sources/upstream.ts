import WebSocket from 'ws';
import type { SourceStatus } from '../protocol';
import type { SourceDeps, SourceHealth } from './types';

/** Reconnect and liveness timings; tests shorten them. */
export interface UpstreamTiming {
  /** First reconnect delay; doubles per failed attempt, with jitter. */
  backoffMinMs: number;
  backoffMaxMs: number;
  /** Reconnect when no frame at all arrived for this long (null: never). */
  staleMs: number | null;
  /** Raise `source_disconnected` after being down this long. */
  disconnectAlarmMs: number;
}

export const DEFAULT_TIMING: UpstreamTiming = { backoffMinMs: 500, backoffMaxMs: 30_000, staleMs: null, disconnectAlarmMs: 30_000 };

export interface UpstreamOptions {
  /** Source name in health, metrics and `source.*` events. */
  name: string;
  deps: SourceDeps;
  timing?: Partial<UpstreamTiming>;
  /** Sends the first frames of a connection (authentication, subscriptions). */
  onOpen?(send: (frame: unknown) => void): void;
  /** Handles one text frame; must not throw for bad input (it is caught and counted if it does). */
  onFrame(text: string, receivedAt: number): void;
  random?: () => number;
}

/** A WebSocket client that stays connected: backoff with jitter, staleness, `source.*` events and the disconnect alarm. */
export function createUpstream(opts: UpstreamOptions) {
  const { name, deps } = opts;
  const timing = { ...DEFAULT_TIMING, ...opts.timing };
  const random = opts.random ?? Math.random;
  const health: SourceHealth = { connected: false, last_event_at: null };
  let ws: WebSocket | null = null;
  let announced: boolean | null = null;
  let attempts = 0;
  let stopped = true;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let staleTimer: NodeJS.Timeout | null = null;
  let alarmTimer: NodeJS.Timeout | null = null;
  let lastReason = 'not connected yet';
  let url = '';

  /** Runs a socket or timer callback so that a failure is logged and counted, never thrown into the event loop. */
  function safely(what: string, work: () => void): void {
    try {
      work();
    } catch (err) {
      deps.metrics.badInput.inc({ source: name, reason: 'handler_error' });
      deps.logger.error({ err, source: name }, `source ${what} failed`);
    }
  }

  function announce(connected: boolean, reason?: string): void {
    if (announced === connected) return;
    announced = connected;
    const at = new Date().toISOString();
    const data: SourceStatus = reason ? { source: name, connected, at, reason } : { source: name, connected, at };
    deps.publisher.publish('system', connected ? 'source.connected' : 'source.disconnected', data, { id: `${name}-${connected ? 'up' : 'down'}-${Date.parse(at)}`, ts: at });
  }

  function armDisconnectAlarm(): void {
    if (alarmTimer) return;
    alarmTimer = setTimeout(() => {
      alarmTimer = null;
      const seconds = Math.round(timing.disconnectAlarmMs / 1000);
      safely('disconnect alarm', () =>
        void deps.alarms.raise({ kind: 'source_disconnected', source_ref: name, location_id: null, message: `Source ${name} disconnected for ${seconds} s: ${lastReason}` }),
      );
    }, timing.disconnectAlarmMs);
    alarmTimer.unref();
  }

  function touch(): void {
    if (timing.staleMs === null) return;
    if (staleTimer) clearTimeout(staleTimer);
    staleTimer = setTimeout(() => {
      lastReason = `no frame for ${timing.staleMs} ms`;
      ws?.terminate();
    }, timing.staleMs);
    staleTimer.unref();
  }

  function scheduleReconnect(): void {
    if (stopped || reconnectTimer) return;
    const ceiling = Math.min(timing.backoffMaxMs, timing.backoffMinMs * 2 ** attempts);
    attempts++;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      safely('reconnect', connect);
    }, ceiling / 2 + (random() * ceiling) / 2);
    reconnectTimer.unref();
  }

  function connect(): void {
    if (stopped) return;
    const socket = new WebSocket(url, { handshakeTimeout: 10_000, maxPayload: 16 * 1024 * 1024 });
    ws = socket;
    socket.on('open', () =>
      safely('open handler', () => {
        lastReason = '';
        health.connected = true;
        if (alarmTimer) clearTimeout(alarmTimer);
        alarmTimer = null;
        touch();
        void deps.alarms.clear('source_disconnected', name);
        announce(true);
        opts.onOpen?.((frame) => socket.send(JSON.stringify(frame)));
      }),
    );
    socket.on('message', (data, isBinary) => {
      // Backoff resets on the first frame, not on open: a peer that accepts and then closes
      // (a refused token) keeps backing off.
      attempts = 0;
      touch();
      if (isBinary) return;
      try {
        opts.onFrame(data.toString(), Date.now());
      } catch (err) {
        deps.metrics.badInput.inc({ source: name, reason: 'handler_error' });
        deps.logger.error({ err, source: name }, 'source frame handler failed');
      }
    });
    socket.on('error', (err) => {
      lastReason = err.message;
    });
    socket.on('close', (code, reason) => {
      if (ws !== socket) return;
      ws = null;
      if (staleTimer) clearTimeout(staleTimer);
      health.connected = false;
      if (code !== 1006 || !lastReason) lastReason = `closed with ${code}${reason.length ? ` (${reason.toString()})` : ''}`;
      if (stopped) return;
      // Reconnecting comes first: whatever the announcement does, the source must come back.
      scheduleReconnect();
      armDisconnectAlarm();
      safely('close handler', () => announce(false, lastReason));
    });
  }

  return {
    /** Connects to `target`, and keeps reconnecting until closed. */
    start(target: string): void {
      if (!stopped) return;
      stopped = false;
      url = target;
      armDisconnectAlarm();
      connect();
    },
    /** Records that an event arrived (for `last_event_at`). */
    markEvent(): void {
      health.last_event_at = new Date().toISOString();
    },
    health: (): SourceHealth => ({ ...health }),
    /** Stops reconnecting and closes the socket. */
    async close(): Promise<void> {
      stopped = true;
      for (const t of [reconnectTimer, staleTimer, alarmTimer]) if (t) clearTimeout(t);
      reconnectTimer = staleTimer = alarmTimer = null;
      const socket = ws;
      ws = null;
      health.connected = false;
      if (socket && socket.readyState !== WebSocket.CLOSED) {
        await new Promise<void>((resolve) => {
          socket.once('close', () => resolve());
          socket.terminate();
        });
      }
    },
  };
}

export type Upstream = ReturnType<typeof createUpstream>;
