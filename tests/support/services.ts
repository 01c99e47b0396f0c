import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/*
 * Redis and PostgreSQL of the tests' own: each on a free port on 127.0.0.1, its data in a temp folder,
 * never the machine's services. Debian's packages (`redis-server`, `postgresql`); `scripts/ensure-services.mjs`
 * installs them when missing. PostgreSQL refuses to run as root, so as root its cluster belongs to `postgres`.
 */

/** A running service: where to reach it, and how to stop it (which also removes its folder). */
export interface TestService {
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
}

const PG_BIN = '/usr/lib/postgresql/15/bin';

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once a TCP connection to the port succeeds, or fails after `timeoutMs`. */
async function waitForPort(port: number, timeoutMs: number, proc?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (proc && proc.exitCode !== null) throw new Error(`the service exited with ${proc.exitCode} before listening on ${port}`);
    if (Date.now() > deadline) throw new Error(`nothing listened on 127.0.0.1:${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Whether the tests can start Redis and PostgreSQL here. */
export function servicesAvailable(): { redis: boolean; postgres: boolean } {
  return { redis: fs.existsSync('/usr/bin/redis-server'), postgres: fs.existsSync(path.join(PG_BIN, 'initdb')) };
}

/** Starts a Redis without persistence (`--save ''`, no AOF) unless `args` ask for it. */
export async function startRedis(args: string[] = []): Promise<TestService & { restart(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-redis-'));
  const port = await freePort();
  let proc: ChildProcess;
  let exited: Promise<void>;
  const launch = async () => {
    proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', ...args], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const running = proc;
    exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    await waitForPort(port, 10_000, running);
  };
  try {
    await launch();
  } catch (err) {
    proc!.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    /** Kills Redis and starts it again on the same port: without persistence, everything it held is gone. */
    async restart() {
      proc.kill('SIGKILL');
      await exited;
      await launch();
    },
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs a PostgreSQL tool, as `postgres` when the tests run as root. */
function pgTool(tool: string, args: string[]): void {
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const [cmd, cmdArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(PG_BIN, tool), ...args]] : [path.join(PG_BIN, tool), args];
  execFileSync(cmd, cmdArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Starts a PostgreSQL 15 cluster of its own (trust authentication, user `postgres`, database `postgres`). */
export async function startPostgres(): Promise<TestService> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-pg-'));
  const data = path.join(dir, 'data');
  const sockets = path.join(dir, 'sockets');
  fs.mkdirSync(sockets);
  if (typeof process.getuid === 'function' && process.getuid() === 0) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const port = await freePort();
  try {
    pgTool('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    pgTool('pg_ctl', ['-D', data, '-o', `-p ${port} -k ${sockets} -h 127.0.0.1 -c fsync=off`, '-l', path.join(dir, 'log'), '-w', '-t', '30', 'start']);
    await waitForPort(port, 10_000);
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    async stop() {
      try {
        pgTool('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
