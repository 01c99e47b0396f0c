import type { IncomingMessage } from 'node:http';
import type { RawData, WebSocket } from 'ws';
import { CLOSE_CODES, LIMITS, type RequestId, glanceRequestId, parseClientFrame } from '../protocol';
import { describeTokenFailure } from './auth';
import { Connection, type DashboardSocket, connectionOf } from './connection';
import { guardConnection } from './guard';
import type { HubContext } from './hub-context';
import { announceDeparture } from './presence-requests';
import { RateLimiter } from './rate-limiter';
import { sendError, sendFrame } from './replies';
import { dispatchRequest, dropSubscription } from './requests';
import { applyRefreshedToken } from './token-refresh';

/** Reads a token from `?token=` or `Authorization: Bearer`. */
export function tokenFromRequest(req: IncomingMessage): string | null {
  const query = new URL(req.url ?? '/', 'http://gateway').searchParams.get('token');
  if (query) return query;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match ? match[1] : null;
}

/** Starts a dashboard session on an upgraded socket: authentication first, then requests. */
export function openSession(ctx: HubContext, ws: DashboardSocket, req: IncomingMessage): Connection {
  const conn = new Connection(ws, ctx, new RateLimiter(LIMITS.maxFramesPerSecond));
  ws.connection = conn;
  ctx.connections.add(conn);
  ctx.metrics.connections.set(ctx.connections.size);
  ws.on('message', onSocketMessage);
  ws.on('pong', onSocketPong);
  ws.on('error', onSocketError);
  ws.on('close', onSocketClose);
  const token = tokenFromRequest(req);
  if (token) authenticate(ctx, conn, token, undefined);
  else {
    conn.authTimer = setTimeout(
      () => guardConnection(ctx, conn, () => rejectAuth(ctx, conn, undefined, describeTokenFailure('missing'))),
      ctx.options.authTimeoutMs,
    );
  }
  return conn;
}

// The socket listeners: one function each for every connection, which ws calls with the socket as `this`.

function onSocketMessage(this: WebSocket, raw: RawData): void {
  const conn = connectionOf(this);
  if (conn) guardConnection(conn.ctx, conn, () => onMessage(conn.ctx, conn, rawText(raw)));
}

function onSocketPong(this: WebSocket): void {
  const conn = connectionOf(this);
  if (conn) conn.lastSeen = Date.now();
}

function onSocketError(this: WebSocket, err: Error & { code?: string }): void {
  const conn = connectionOf(this);
  if (!conn) return;
  // ws closes with 1009 itself for an oversize frame; the error only needs counting.
  conn.ctx.metrics.drops.inc({ reason: err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 'oversize' : 'protocol' });
  conn.ctx.logger.debug({ session: conn.sessionId, err: err.message }, 'dashboard socket error');
}

function onSocketClose(this: WebSocket): void {
  const conn = connectionOf(this);
  if (conn) endSession(conn.ctx, conn);
}

function rawText(raw: RawData): string {
  if (Buffer.isBuffer(raw)) return raw.toString('utf8');
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  return Buffer.from(raw).toString('utf8');
}

function onMessage(ctx: HubContext, conn: Connection, text: string): void {
  if (conn.closing) return;
  conn.lastSeen = Date.now();
  if (!conn.limiter.take()) {
    // Dropped unparsed: a frame over the rate costs one bounded look for its id, so a flood cannot buy CPU with it.
    ctx.metrics.drops.inc({ reason: 'rate_limited' });
    sendError(ctx, conn, glanceRequestId(text), 'rate_limited', `Over ${LIMITS.maxFramesPerSecond} frames per second: this frame was dropped; slow down and resend it`);
    return;
  }
  if (conn.queue) conn.queue.push(text);
  else handleText(ctx, conn, text);
}

/** Handles one frame; a failure inside ends this connection with 1011 (see `guardConnection`). */
function handleText(ctx: HubContext, conn: Connection, text: string): void {
  const parsed = parseClientFrame(text);
  if (!conn.user) {
    if (parsed.ok && parsed.frame.type === 'auth') authenticate(ctx, conn, parsed.frame.token, parsed.frame.id);
    else rejectAuth(ctx, conn, parsed.ok ? parsed.frame.id : parsed.id, describeTokenFailure('missing'));
    return;
  }
  if (!parsed.ok) return sendError(ctx, conn, parsed.id, parsed.code, parsed.message);
  if (parsed.frame.type === 'auth') return authenticate(ctx, conn, parsed.frame.token, parsed.frame.id);
  const pending = dispatchRequest(ctx, conn, parsed.frame);
  if (pending) holdFrames(ctx, conn, pending);
}

/**
 * Queues the connection's later frames until a request answered by a shared store is done, so answers
 * keep the order of requests. Nothing else holds the queue here: frames reach `handleText` only while it is empty.
 */
function holdFrames(ctx: HubContext, conn: Connection, pending: Promise<void>): void {
  conn.queue = [];
  void pending.then(() =>
    guardConnection(ctx, conn, () => {
      if (!conn.closing) drainQueue(ctx, conn);
    }),
  );
}

/** Verifies a token (first or fresh); frames arriving meanwhile wait in the queue so order is kept. */
function authenticate(ctx: HubContext, conn: Connection, token: string, requestId: RequestId): void {
  conn.clearAuthTimer();
  conn.queue ??= [];
  ctx.tokens.verify(token).then(
    (check) =>
      guardConnection(ctx, conn, () => {
        if (conn.closing) return;
        if (!check.ok) return rejectAuth(ctx, conn, requestId, describeTokenFailure(check.reason));
        const previous = conn.user;
        if (previous && previous.user_id !== check.user.user_id) {
          return rejectAuth(ctx, conn, requestId, `Token is for user '${check.user.user_id}', not '${previous.user_id}'; open a new connection to switch users`);
        }
        if (!previous && !admitUser(ctx, conn, check.user.user_id)) return;
        if (check.expiresAt <= Date.now()) return rejectAuth(ctx, conn, requestId, describeTokenFailure('expired'));
        conn.user = check.user;
        conn.setExpiry(check.expiresAt);
        if (previous) {
          applyRefreshedToken(ctx, conn, check.user);
          sendFrame(conn, { type: 'response', id: requestId, success: true, message: 'Token refreshed' });
        } else sendWelcome(ctx, conn);
        drainQueue(ctx, conn);
      }),
    (err: unknown) =>
      guardConnection(ctx, conn, () => {
        ctx.logger.error({ err, session: conn.sessionId }, 'token verification failed');
        rejectAuth(ctx, conn, requestId, describeTokenFailure('invalid'));
      }),
  );
}

/**
 * Counts a newly authenticated connection against its user's limit; past `MAX_CONNECTIONS_PER_USER`
 * the connection is refused with `too_many_connections` and 4429, and the user's others carry on.
 */
function admitUser(ctx: HubContext, conn: Connection, userId: string): boolean {
  const open = ctx.connectionsByUser.get(userId) ?? 0;
  const limit = ctx.options.maxConnectionsPerUser;
  if (open >= limit) {
    ctx.metrics.drops.inc({ reason: 'too_many_connections' });
    sendError(ctx, conn, undefined, 'too_many_connections', `User '${userId}' already has ${open} open connections (limit ${limit}); close one first`, {
      current: open,
      limit,
    });
    closeConnection(ctx, conn, CLOSE_CODES.tooManyConnections, 'Too many connections');
    return false;
  }
  ctx.connectionsByUser.set(userId, open + 1);
  conn.countedUser = userId;
  return true;
}

function sendWelcome(ctx: HubContext, conn: Connection): void {
  const { user_id, name, role } = conn.user!;
  sendFrame(conn, {
    type: 'welcome',
    session_id: conn.sessionId,
    epoch: ctx.broker.epoch,
    user: { user_id, name, role },
    heartbeat_interval_ms: ctx.options.heartbeatIntervalMs,
    server_time: new Date().toISOString(),
  });
}

function drainQueue(ctx: HubContext, conn: Connection): void {
  const waiting = conn.queue ?? [];
  conn.queue = null;
  for (let i = 0; i < waiting.length && !conn.closing; i++) {
    handleText(ctx, conn, waiting[i]);
    // Another auth frame started verifying, or a request waits for a shared store: the rest waits for it, in order.
    if (conn.queue) {
      (conn.queue as string[]).push(...waiting.slice(i + 1));
      return;
    }
  }
}

/** The hub's expiry schedule found this connection's token past its `exp`: 4401, unless it is closing anyway. */
export function expireToken(ctx: HubContext, conn: Connection): void {
  guardConnection(ctx, conn, () => rejectAuth(ctx, conn, undefined, describeTokenFailure('expired')));
}

/** Answers `unauthorized` and closes with 4401. */
function rejectAuth(ctx: HubContext, conn: Connection, id: RequestId, message: string): void {
  if (conn.closing) return;
  sendError(ctx, conn, id, 'unauthorized', message);
  closeConnection(ctx, conn, CLOSE_CODES.unauthorized, 'Unauthorized');
}

/** Starts closing: stops all sending and handling at once, then closes the socket. */
export function closeConnection(ctx: HubContext, conn: Connection, code: number, reason: string): void {
  if (conn.closing) return;
  conn.closing = true;
  detach(ctx, conn);
  conn.ws.close(code, reason);
}

/**
 * Cuts a reader whose unsent buffer passed the limit. The close frame queues behind the backlog, so a
 * reader that resumes still learns why (1013); one that never does is destroyed after the grace period.
 */
export function cutSlowConsumer(ctx: HubContext, conn: Connection): void {
  if (conn.closing) return;
  ctx.metrics.slowConsumerDisconnects.inc();
  ctx.metrics.drops.inc({ reason: 'slow_consumer' });
  ctx.logger.warn({ session: conn.sessionId, buffered: conn.ws.bufferedAmount }, 'slow consumer disconnected');
  closeConnection(ctx, conn, CLOSE_CODES.slowConsumer, 'Slow consumer: unsent buffer over 8 MiB');
  setTimeout(() => conn.ws.terminate(), ctx.options.slowConsumerGraceMs).unref();
}

/**
 * Drops a connection's subscriptions, presence and place in its user's count; safe to call more than
 * once. Runs from the socket's close event too, so each step is guarded on its own: a failure is logged
 * and the rest still happens, and nothing reaches the event loop.
 */
function detach(ctx: HubContext, conn: Connection): void {
  conn.clearTimers();
  releaseUser(ctx, conn);
  for (const sub of [...conn.subscriptions.values()]) {
    try {
      dropSubscription(ctx, conn, sub);
    } catch (err) {
      ctx.logger.error({ err, session: conn.sessionId }, 'dropping a subscription failed');
    }
  }
  try {
    if (conn.user) announceDeparture(ctx, conn, conn.user.user_id);
  } catch (err) {
    ctx.logger.error({ err, session: conn.sessionId }, 'announcing a presence departure failed');
  }
}

function releaseUser(ctx: HubContext, conn: Connection): void {
  const userId = conn.countedUser;
  if (userId === null) return;
  conn.countedUser = null;
  const open = (ctx.connectionsByUser.get(userId) ?? 1) - 1;
  if (open > 0) ctx.connectionsByUser.set(userId, open);
  else ctx.connectionsByUser.delete(userId);
}

function endSession(ctx: HubContext, conn: Connection): void {
  conn.closing = true;
  detach(ctx, conn);
  ctx.connections.delete(conn);
  ctx.metrics.connections.set(ctx.connections.size);
}

/** Ends a connection whose handling threw: the failure is logged and only this connection closes (1011). */
export function failConnection(ctx: HubContext, conn: Connection, err: unknown): void {
  ctx.metrics.drops.inc({ reason: 'internal_error' });
  ctx.logger.error({ err, session: conn.sessionId }, 'dashboard connection failed; closing it with 1011');
  try {
    closeConnection(ctx, conn, CLOSE_CODES.internalError, 'Internal error');
  } catch (closeErr) {
    ctx.logger.error({ err: closeErr, session: conn.sessionId }, 'closing a failed connection failed; terminating it');
    conn.ws.terminate();
  }
}
