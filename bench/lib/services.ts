import { readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createClient } from 'redis';
import { servicesAvailable, startPostgres, startRedis, type TestService } from '../../tests/support/services';
import { cpuSeconds } from './processes';

/**
 * The Redis and PostgreSQL a multi-node figure runs its nodes on: the test suites' own (free ports on
 * 127.0.0.1, data in temp folders), with the process ids the figure needs to read their CPU time.
 * Both are killed when this process exits, also on an error or a signal, whatever `stop` got to do.
 */
export interface BenchServices {
  redisUrl: string;
  databaseUrl: string;
  /** CPU seconds Redis has used so far (its one process, all its threads). */
  redisCpuSeconds(): Promise<number>;
  /** CPU seconds PostgreSQL's postmaster and its current backends have used so far. */
  postgresCpuSeconds(): Promise<number>;
  stop(): Promise<void>;
}

/** Why the services cannot start here, or null when they can. */
export function servicesMissing(): string | null {
  const { redis, postgres } = servicesAvailable();
  if (redis && postgres) return null;
  return `needs ${[!redis && 'redis-server', !postgres && 'PostgreSQL 15'].filter(Boolean).join(' and ')} (node scripts/ensure-services.mjs installs them)`;
}

async function redisPid(url: string): Promise<number> {
  const client = createClient({ url });
  client.on('error', () => {});
  await client.connect();
  try {
    const info = String(await client.sendCommand(['INFO', 'server']));
    const pid = Number(/process_id:(\d+)/.exec(info)?.[1]);
    if (!Number.isSafeInteger(pid)) throw new Error('Redis did not report its process_id');
    return pid;
  } finally {
    client.destroy();
  }
}

/** The processes whose parent is `pid` (PostgreSQL's backends and workers), from /proc. */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);

/** Starts Redis and PostgreSQL for a figure; stops whichever started if the other fails. */
export async function startBenchServices(): Promise<BenchServices> {
  const missing = servicesMissing();
  if (missing) throw new Error(`this figure ${missing}`);
  let redis: TestService | null = null;
  let postgres: TestService | null = null;
  const pids = { redis: 0, postgres: 0 };
  // Last line of defence: synchronous kills on exit; the folders go with them.
  const killOnExit = () => {
    for (const [pid, signal] of [
      [pids.redis, 'SIGKILL'],
      [pids.postgres, 'SIGQUIT'],
    ] as const) {
      try {
        if (pid) process.kill(pid, signal);
      } catch {
        // already gone
      }
    }
    for (const service of [redis, postgres]) if (service) rmSync(service.dir, { recursive: true, force: true });
  };
  const exitOnSignal = () => process.exit(130);
  process.on('exit', killOnExit);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, exitOnSignal);
  const forget = () => {
    process.off('exit', killOnExit);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(signal, exitOnSignal);
  };
  const stop = async () => {
    const started = [redis, postgres];
    redis = postgres = null;
    pids.redis = pids.postgres = 0;
    forget();
    await Promise.allSettled(started.map((s) => s?.stop()));
  };
  try {
    redis = await startRedis();
    pids.redis = await redisPid(redis.url);
    postgres = await startPostgres();
    pids.postgres = Number(readFileSync(path.join(postgres.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch (err) {
    await stop();
    throw err;
  }
  const { url: redisUrl } = redis;
  const { url: databaseUrl } = postgres;
  return {
    redisUrl,
    databaseUrl,
    redisCpuSeconds: () => cpuSeconds(pids.redis),
    async postgresCpuSeconds() {
      const pid = pids.postgres;
      return sum(await Promise.all([pid, ...childrenOf(pid)].map((p) => cpuSeconds(p))));
    },
    stop,
  };
}
