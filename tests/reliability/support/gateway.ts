import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { TokenAuthority } from '../../../lib/gateway/auth';
import type { Role } from '../../../lib/protocol';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

/** The secret and ingest key every reliability gateway runs with. */
export const RELIABILITY_SECRET = 'reliability-secret-0123456789abcdef';
export const INGEST_KEY = 'reliability-ingest-key';

/** Forty locations with three devices each: enough distinct presence scopes and location filters. */
export const LOCATIONS = Array.from({ length: 40 }, (_, i) => `loc-${String(i + 1).padStart(2, '0')}`);
/** The devices of a location, as the floor file lists them. */
export const devicesOf = (location: string) => [1, 2, 3].map((n) => `${location}-dev-${n}`);
const FLOOR = {
  locations: LOCATIONS.map((id) => ({
    id,
    name: `Floor ${id}`,
    devices: devicesOf(id).map((device) => ({ id: device, type: 'slot', game_id: 'game-starburst' })),
  })),
};

const tokens = new TokenAuthority(RELIABILITY_SECRET);

/** A token signed with the gateway's secret. */
export function mintToken(role: Role, user: { user_id?: string; name?: string; locations?: string[]; ttlSeconds?: number } = {}): Promise<string> {
  return tokens.mint({ user_id: user.user_id ?? `u-${role}`, name: user.name ?? `Reliability ${role}`, role, locations: user.locations }, user.ttlSeconds ?? 3600);
}

/** A free TCP port on 127.0.0.1, released before it is returned. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The real gateway (`server.ts --no-next`) as a child process, with its own temp DATA_DIR and floor file,
 * no mock stream, and a known secret and ingest key. It can be SIGKILLed and started again on the same data.
 */
export class ReliabilityGateway {
  private child: ChildProcess | null = null;
  /** The tail of the process output, shown when something fails. */
  output = '';
  /** Set when the process exited without being told to. */
  unexpectedExit: string | null = null;

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  /** Creates the temp dir and floor file and starts the process. */
  static async start(env: Record<string, string> = {}): Promise<ReliabilityGateway> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'floor-reliability-'));
    const floorFile = path.join(dir, 'floor.json');
    fs.writeFileSync(floorFile, JSON.stringify(FLOOR));
    const gateway = new ReliabilityGateway(dir, await freePort(), { FLOOR_FILE: floorFile, DATA_DIR: path.join(dir, 'data'), ...env });
    await gateway.launch();
    return gateway;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/v1/ws`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Whether the process is running. */
  get alive(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process (again) and waits for `GET /api/health` to answer 200. */
  async launch(timeoutMs = 30_000): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts', '--no-next'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        NODE_ENV: 'test',
        MOCK_STREAM: 'off',
        LOG_LEVEL: 'warn',
        AUTH_SECRET: RELIABILITY_SECRET,
        INGEST_API_KEYS: INGEST_KEY,
        ...this.env,
      },
    });
    this.child = child;
    this.unexpectedExit = null;
    // A test process that ends early (timeout, interrupt) takes its gateway with it.
    const reap = () => child.kill('SIGKILL');
    process.once('exit', reap);
    child.once('exit', () => process.removeListener('exit', reap));
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.once('exit', (code, signal) => {
      if (this.child === child) this.unexpectedExit = `exit code ${code}, signal ${signal}`;
    });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`gateway exited with ${child.exitCode}:\n${this.output}`);
      try {
        const res = await fetch(`${this.baseUrl}/api/health`, { signal: AbortSignal.timeout(1000) });
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`gateway not healthy within ${timeoutMs} ms:\n${this.output}`);
  }

  /** SIGKILL, as a crash or power cut would: no shutdown hook runs. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  /** Kills the process and removes its temp dir. */
  async dispose(): Promise<void> {
    await this.kill();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** Whether `GET /api/health` answers 200 now. */
  async healthy(): Promise<boolean> {
    try {
      const res = await fetch(`${this.baseUrl}/api/health`, { signal: AbortSignal.timeout(3000) });
      return res.status === 200;
    } catch {
      return false;
    }
  }

  /** Posts a raw ingest request; the key and content type are the valid ones unless overridden. */
  async post(body: string, headers: Record<string, string | null> = {}): Promise<{ status: number; body: string }> {
    const all: Record<string, string> = {};
    for (const [k, v] of Object.entries({ 'x-api-key': INGEST_KEY, 'content-type': 'application/json', ...headers })) if (v !== null) all[k] = v;
    const res = await fetch(`${this.baseUrl}/api/v1/events`, { method: 'POST', headers: all, body, signal: AbortSignal.timeout(30_000) });
    return { status: res.status, body: await res.text() };
  }

  /** Posts one valid ingest batch and fails unless it is accepted with 204. */
  async ingest(items: unknown[]): Promise<void> {
    const res = await this.post(JSON.stringify({ items }));
    if (res.status !== 204) throw new Error(`ingest answered ${res.status}: ${res.body.slice(0, 500)}`);
  }

  /** One sample of `GET /api/metrics`, by series name (labels kept in the key). */
  async metrics(): Promise<Map<string, number>> {
    const res = await fetch(`${this.baseUrl}/api/metrics`, { signal: AbortSignal.timeout(10_000) });
    const samples = new Map<string, number>();
    for (const line of (await res.text()).split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const cut = line.lastIndexOf(' ');
      samples.set(line.slice(0, cut), Number(line.slice(cut + 1)));
    }
    return samples;
  }

  /** A metric whose name ends with `suffix` (the process may prefix its default metrics). */
  async metric(suffix: string): Promise<number | undefined> {
    for (const [name, value] of await this.metrics()) if (name.endsWith(suffix)) return value;
    return undefined;
  }

  /** Resident set size of the process, from /proc. */
  rssBytes(): number | undefined {
    try {
      const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
      return kb ? Number(kb) * 1024 : undefined;
    } catch {
      return undefined;
    }
  }
}
