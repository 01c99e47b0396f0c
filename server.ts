/**
 * One process, one port: the Next.js dashboard plus the gateway (WebSocket hub, machine API, sources, mock).
 * Flags: `--dev` runs Next in dev mode; `--no-next` runs the gateway alone (conformance tests, benchmarks).
 */
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { loadConfig } from './lib/runtime/config';
import { applyBaseHeaders, applyPageHeaders } from './lib/http/security-headers';
import { openFloorMonitor } from './lib/server/floor-monitor';
import { createLogger } from './lib/runtime/logger';

type PageHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>;

const dev = process.argv.includes('--dev');
const withNext = !process.argv.includes('--no-next');
const config = loadConfig();
const logger = createLogger(config.logLevel);
const monitor = await openFloorMonitor(config, logger);

let pages: PageHandler | null = null;
let pageUpgrades: UpgradeHandler | null = null;
if (withNext) {
  const { default: next } = await import('next');
  const app = next({ dev, dir: import.meta.dirname, hostname: config.host ?? 'localhost', port: config.port });
  await app.prepare();
  pages = app.getRequestHandler();
  pageUpgrades = app.getUpgradeHandler();
}

const server = createServer((req, res) => {
  applyBaseHeaders(res);
  if (monitor.handleHttp(req, res)) return;
  if (pages) {
    applyPageHeaders(req, res, dev);
    const render = pages;
    const seeding = monitor.seedPage(req);
    if (!seeding) return void render(req, res);
    return void seeding.then(() => render(req, res));
  }
  res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}');
});

server.on('upgrade', (req, socket, head) => {
  if (monitor.handleUpgrade(req, socket, head)) return;
  // Everything else (Next's dev hot reload among it) belongs to Next.
  if (pageUpgrades) return void pageUpgrades(req, socket, head);
  socket.destroy();
});

server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  monitor.start(`http://127.0.0.1:${port}`);
  logger.info({ port, dev, next: withNext, mock: config.mockRate }, `Floor Monitor listening on http://localhost:${port}`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(0), 5000);
  force.unref();
  server.close();
  await monitor.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
