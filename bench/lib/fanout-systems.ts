/**
 * The systems P1 compares, each started the same way: its server in a child process, the clients in
 * receiver processes of their own (half of them filtered to one location), and a poster feeding the
 * server gameround bets over `POST /api/v1/events`. The ramp to saturation and the fixed-load phase
 * both measure through this.
 */
import { BENCH_INGEST_KEY, benchToken, type RunningServer, startBaseline, startGateway } from './gateway';
import { JsonPoster, openLoop, type OpenLoopResult } from './http-load';
import { sleep } from './processes';
import { type ReceiverPool, spawnReceivers } from './receiver-pool';
import { GameroundFactory } from './seed-items';

export type System = 'gateway' | 'pre-framed limit' | 'bare ws' | 'Socket.IO';

/** In the order they take turns: the gateway, then what it is measured against. */
export const SYSTEMS: readonly System[] = ['gateway', 'pre-framed limit', 'bare ws', 'Socket.IO'];

/** One system running with its clients connected and a poster ready. */
export interface FanoutSetup {
  server: RunningServer;
  pool: ReceiverPool;
  /** Bench events the clients are due so far (each unfiltered client every event, each filtered one half of them). */
  expected(): number;
  /** Deliveries per posted event, on average. */
  perEvent: number;
  /** Posts bets at `rate` events/s for `ms` (open loop: the poster does not wait for the server). */
  run(rate: number, ms: number): Promise<OpenLoopResult>;
  /** Waits until every expected message arrived (or `maxMs` passed); true when the clients caught up. */
  drain(maxMs: number): Promise<boolean>;
  close(): Promise<void>;
}

async function startServer(system: System, clients: number, processes: number, nodeArgs?: string[]): Promise<{ server: RunningServer; pool: ReceiverPool }> {
  let server: RunningServer | null = null;
  try {
    if (system === 'gateway') {
      server = await startGateway({ floor: true, nodeArgs });
      const token = await benchToken();
      return { server, pool: await spawnReceivers('frames', `ws://127.0.0.1:${server.port}/v1/ws?token=${encodeURIComponent(token)}`, clients, processes) };
    }
    if (system === 'Socket.IO') {
      server = await startBaseline('broadcast-socketio', {}, nodeArgs);
      return { server, pool: await spawnReceivers('socket.io', server.baseUrl, clients, processes) };
    }
    server = await startBaseline(system === 'bare ws' ? 'broadcast-ws' : 'preframed-limit', {}, nodeArgs);
    return { server, pool: await spawnReceivers('frames', `ws://127.0.0.1:${server.port}/v1/ws`, clients, processes) };
  } catch (err) {
    await server?.stop();
    throw err;
  }
}

/** Starts `system` with `clients` clients spread over `processes` receiver processes; `nodeArgs` go to its server's node. */
export async function startFanout(system: System, clients: number, processes: number, nodeArgs?: string[]): Promise<FanoutSetup> {
  const { server, pool } = await startServer(system, clients, processes, nodeArgs);
  const poster = new JsonPoster(`${server.baseUrl}/api/v1/events`, { 'x-api-key': BENCH_INGEST_KEY });
  const factory = new GameroundFactory();
  const allClients = Math.ceil(clients / 2);
  const filteredClients = clients - allClients;
  const expected = () => allClients * factory.made + filteredClients * factory.madeFiltered;
  return {
    server,
    pool,
    expected,
    perEvent: allClients + filteredClients / 2,
    run: (rate, ms) => openLoop({ poster, ratePerS: rate, durationMs: ms, makeBody: (n) => factory.body(n) }),
    async drain(maxMs) {
      const deadline = Date.now() + maxMs;
      while (Date.now() < deadline) {
        const got = await pool.received();
        if (got.all + got.filtered >= expected()) return true;
        await sleep(50);
      }
      return false;
    },
    async close() {
      poster.close();
      await pool.close();
      await server.stop();
    },
  };
}

/** Messages received, both halves of the clients together. */
export const total = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
