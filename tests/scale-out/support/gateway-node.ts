import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { TokenAuthority } from '../../../lib/gateway/auth';
import type { Role } from '../../../lib/protocol';
import { TestClient } from '../../support/gateway-harness';
import { freePort } from '../../support/services';

/*
 * Gateway nodes as they run in production: `server.ts --no-next` processes of their own, sharing one Redis
 * and one PostgreSQL, each on a free port of 127.0.0.1 with a data folder of its own. Killing one is a real SIGKILL.
 */

export const NODE_SECRET = 'scale-out-test-secret-0123456789';
const INGEST_KEY = 'scale-out-key';
const ROOT = path.resolve(import.meta.dirname, '../../..');

export interface GatewayNode {
  nodeId: string;
  port: number;
  base: string;
  /** Opens a dashboard socket as a role and waits for `welcome`. */
  login(role: Role, userId?: string): Promise<TestClient>;
  /** Posts an ingest batch (docs/protocol.md §11.1); resolves with the status. */
  ingest(items: object[]): Promise<number>;
  health(): Promise<{ status: number; body: Record<string, unknown> }>;
  kill(): void;
  stop(): Promise<void>;
}

const tokens = new TokenAuthority(NODE_SECRET);

export async function startNode(nodeId: string, env: { REDIS_URL: string; DATABASE_URL: string } & Record<string, string>): Promise<GatewayNode> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `fm-${nodeId}-`));
  const proc: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server.ts', '--no-next'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ID: nodeId,
      MOCK_STREAM: 'off',
      DATA_DIR: dataDir,
      AUTH_SECRET: NODE_SECRET,
      INGEST_API_KEYS: INGEST_KEY,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`node ${nodeId} exited with ${proc.exitCode}: ${stderr}`);
    const up = await fetch(`${base}/api/health`).then((r) => r.status === 200, () => false);
    if (up) break;
    if (Date.now() > deadline) throw new Error(`node ${nodeId} did not answer health within 60 s: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const clients: TestClient[] = [];
  return {
    nodeId,
    port,
    base,
    async login(role, userId = `u-${role}-${nodeId}`) {
      const token = await tokens.mint({ user_id: userId, name: `Test ${userId}`, role });
      const client = new TestClient(new WebSocket(`ws://127.0.0.1:${port}/v1/ws?token=${encodeURIComponent(token)}`, { perMessageDeflate: false }));
      clients.push(client);
      await client.opened;
      await client.waitForType('welcome', 10_000);
      return client;
    },
    async ingest(items) {
      const res = await fetch(`${base}/api/v1/events`, {
        method: 'POST',
        headers: { 'x-api-key': INGEST_KEY, 'content-type': 'application/json' },
        body: JSON.stringify({ items }),
      });
      await res.arrayBuffer();
      return res.status;
    },
    async health() {
      const res = await fetch(`${base}/api/health`);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    kill() {
      proc.kill('SIGKILL');
    },
    async stop() {
      for (const client of clients) client.close();
      if (proc.exitCode === null) proc.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
