import type { Connection } from './connection';
import type { HubContext } from './hub-context';

/**
 * Runs work for one connection from a socket, timer or drain callback. Whatever it throws ends that
 * connection (logged, close code 1011) and never reaches the event loop, so one bad moment stops one
 * screen, not the process.
 */
export function guardConnection(ctx: HubContext, conn: Connection, work: () => void): void {
  try {
    work();
  } catch (err) {
    ctx.failConnection(conn, err);
  }
}
