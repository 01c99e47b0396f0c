import type { ErrorCode, RequestId, ServerFrame } from '../protocol';
import type { Connection } from './connection';
import { type ErrorExtras, encodeError, encodeFrame } from './frames';
import type { HubContext } from './hub-context';

/** Sends an error frame and counts it by code. */
export function sendError(ctx: HubContext, conn: Connection, id: RequestId, code: ErrorCode, message: string, extras?: ErrorExtras): void {
  ctx.metrics.wsErrors.inc({ code });
  conn.send(encodeError(id, code, message, extras));
}

/** Sends a control frame; an undefined request id drops out in serialization, so it is echoed only when sent. */
export function sendFrame(conn: Connection, frame: ServerFrame): void {
  conn.send(encodeFrame(frame));
}
