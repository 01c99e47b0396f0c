import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import WebSocket from 'ws';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

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

/** The real gateway (`server.ts --no-next`) as a child process that a test can SIGKILL and start again. */
export class GatewayProcess {
  private child: ChildProcess | null = null;
  /** The tail of the process output, printed when something fails. */
  output = '';

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the gateway and waits for `GET /api/health` to answer 200. */
  async start(timeoutMs = 30_000): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts', '--no-next'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORT: String(this.port), HOST: '127.0.0.1', MOCK_STREAM: 'off', LOG_LEVEL: 'warn', ...this.env },
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
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

  /** Posts one ingest batch with the development key. */
  async ingest(items: unknown[]): Promise<number> {
    const res = await fetch(`${this.baseUrl}/api/v1/events`, {
      method: 'POST',
      headers: { 'x-api-key': 'dev-ingest-key', 'content-type': 'application/json' },
      body: JSON.stringify({ items }),
      signal: AbortSignal.timeout(5000),
    });
    if (res.status !== 204) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
    return res.status;
  }
}

type Frame = Record<string, unknown> & { type: string };

/** A dashboard WebSocket client that keeps every frame and waits for the one a test expects. */
export class DashboardClient {
  private readonly frames: Frame[] = [];
  private waiters: { match: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as Frame;
      this.frames.push(frame);
      for (const w of this.waiters.filter((w) => w.match(frame))) w.resolve(frame);
      this.waiters = this.waiters.filter((w) => !w.match(frame));
    });
  }

  /** Connects with `?token=` and waits for `welcome`. */
  static async connect(baseUrl: string, token: string): Promise<DashboardClient> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/v1/ws?token=${encodeURIComponent(token)}`);
    const client = new DashboardClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    await client.next((f) => f.type === 'welcome');
    return client;
  }

  /** The first frame, already received or still to come, that matches; fails after `timeoutMs`. */
  next(match: (f: Frame) => boolean, timeoutMs = 5000): Promise<Frame> {
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames.slice(-5))}`)), timeoutMs);
      this.waiters.push({ match, resolve: (f) => (clearTimeout(timer), resolve(f)) });
    });
  }

  /** Sends a request frame and waits for the response or error carrying its id. */
  request(frame: Frame & { id: string }, timeoutMs = 5000): Promise<Frame> {
    this.ws.send(JSON.stringify(frame));
    return this.next((f) => f.id === frame.id && (f.type === 'response' || f.type === 'error'), timeoutMs);
  }

  /** Subscribes to `alerts` and returns the snapshot's alarms. */
  async subscribeAlerts(id: string): Promise<Record<string, unknown>[]> {
    const response = await this.request({ type: 'subscribe', id, channel: 'alerts' });
    if (response.type !== 'response') throw new Error(`subscribe refused: ${JSON.stringify(response)}`);
    const snapshot = await this.next((f) => f.type === 'snapshot' && f.subscription_id === response.subscription_id);
    return snapshot.data as Record<string, unknown>[];
  }

  close(): void {
    this.ws.terminate();
  }
}
