import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TokenAuthority } from '../../lib/gateway/auth';
import { freePort, type Spawned, spawnNode, waitForHttp } from './processes';
import { serverProcessEnv } from '../../scripts/server-env.mjs';
import { BENCH_FLOOR } from './seed-items';

/** The secret and ingest key the bench gives the gateway, so it can mint tokens and post without asking. */
export const BENCH_AUTH_SECRET = 'bench-auth-secret-not-for-production';
export const BENCH_INGEST_KEY = 'bench-ingest-key';

export interface RunningServer {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  port: number;
  proc: Spawned;
  stop(): Promise<void>;
}

/** Data folders of the servers still running: removed on exit too, when a signal or an error skipped `stop`. */
const dataDirs = new Set<string>();
let removeOnExit = false;

function trackDir(dir: string): () => void {
  if (!removeOnExit) {
    removeOnExit = true;
    process.on('exit', () => {
      for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
    });
  }
  dataDirs.add(dir);
  return () => {
    rmSync(dir, { recursive: true, force: true });
    dataDirs.delete(dir);
  };
}

/**
 * Starts the project's server (`server.ts`) as a child process on a free port, with a fresh data
 * directory, and waits for `/api/health`. `next: false` runs the gateway alone (`--no-next`);
 * `mock` is the mock stream rate, `off` by default; `floor: true` writes the bench floor as `FLOOR_FILE`.
 */
export async function startGateway(
  options: { next?: boolean; mock?: number | 'off'; floor?: boolean; env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<RunningServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'floor-bench-'));
  const removeDir = trackDir(dir);
  const env: Record<string, string> = {
    HOST: '127.0.0.1',
    NODE_ENV: options.next ? 'production' : (process.env.NODE_ENV ?? 'production'),
    AUTH_SECRET: BENCH_AUTH_SECRET,
    AUTH_DEV_LOGIN: 'on',
    INGEST_API_KEYS: BENCH_INGEST_KEY,
    DATA_DIR: path.join(dir, 'data'),
    MOCK_STREAM: String(options.mock ?? 'off'),
    LOG_LEVEL: 'warn',
    // The benchmarks' clients all sign in as one bench user: its connections are the load, not abuse.
    MAX_CONNECTIONS_PER_USER: '100000',
    ...options.env,
  };
  if (options.floor) {
    env.FLOOR_FILE = path.join(dir, 'floor.json');
    writeFileSync(env.FLOOR_FILE, JSON.stringify(BENCH_FLOOR));
  }
  const args = options.next ? [] : ['--no-next'];
  let lastError: unknown = null;
  // A free port can be taken between asking and listening: try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    // Started as `npm start` starts it (scripts/server-env.mjs), unless the run's own environment says otherwise.
    const proc = spawnNode('server.ts', args, serverProcessEnv({ ...process.env, ...env, PORT: String(port) }), { nodeArgs: options.nodeArgs });
    const baseUrl = `http://127.0.0.1:${port}`;
    try {
      await waitForHttp(`${baseUrl}/api/health`, proc, options.next ? 120_000 : 60_000);
      return {
        baseUrl,
        port,
        proc,
        async stop() {
          await proc.stop();
          removeDir();
        },
      };
    } catch (err) {
      lastError = err;
      await proc.stop();
      if (!/EADDRINUSE/.test(String(err))) break;
    }
  }
  removeDir();
  throw lastError;
}

/** Starts one of the bench's baseline servers (`bench/baselines/<name>.ts`) on a free port. */
export async function startBaseline(name: string, env: Record<string, string> = {}, nodeArgs?: string[]): Promise<RunningServer> {
  const port = await freePort();
  const proc = spawnNode(path.join('bench', 'baselines', `${name}.ts`), [], { ...env, PORT: String(port), NODE_ENV: 'production' }, { nodeArgs });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(`${baseUrl}/health`, proc, 30_000);
  return { baseUrl, port, proc, stop: () => proc.stop() };
}

/** A token signed with the bench secret, as the dev login would mint it. */
export function benchToken(role: 'operator' | 'manager' | 'admin' = 'operator', name = 'Bench Operator'): Promise<string> {
  return new TokenAuthority(BENCH_AUTH_SECRET).mint({ user_id: `user-${name.toLowerCase().replace(/\s+/g, '-')}`, name, role }, 3600);
}
