/**
 * Runs `deploy/haproxy.cfg` in front of three real gateway nodes and checks what docs/deploy.md promises:
 * health through the balancer, a WebSocket on `/v1/ws` through it, an event ingested through it reaching
 * that socket; once the node holding the socket is killed, the balancer marking it down and the
 * reconnecting client resuming on another node without loss; once the next node holding it loses Redis
 * (health 503), the balancer marking that one down too and closing its sockets, and the client resuming
 * on the last node.
 *
 *   node --import tsx deploy/check-balancer.ts
 *
 * Everything listens on 127.0.0.1 (free ports, temp folders): a Redis and a PostgreSQL of its own, the
 * nodes, HAProxy. It stops all of them when done, and gives up after two minutes. Needs Debian's
 * `haproxy`, `redis-server` and `postgresql` packages.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { TokenAuthority } from '../lib/gateway/auth';
import { TestClient } from '../tests/support/gateway-harness';
import { type TestService, freePort, startPostgres, startRedis } from '../tests/support/services';
import { type GatewayNode, NODE_SECRET, startNode } from '../tests/scale-out/support/gateway-node';

const CONFIG = path.join(import.meta.dirname, 'haproxy.cfg');
const INGEST_KEY = 'check-balancer-key';
const DEADLINE_MS = 120_000;

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
function check(ok: unknown, what: string): void {
  if (!ok) throw new Error(`FAILED: ${what}`);
  console.log(`ok   ${what}`);
}

/**
 * The shipped configuration, run in the foreground on this machine: the node addresses become the local
 * nodes', the binds local ports; what needs a system install (chroot, user, daemon, syslog, admin socket) goes.
 */
function localConfig(nodes: GatewayNode[], port: number, statsPort: number): string {
  let server = 0;
  return fs
    .readFileSync(CONFIG, 'utf8')
    .split('\n')
    .filter((line) => !/^\s*(chroot|user|group|daemon|stats socket|log \/dev\/log)\b/.test(line))
    .map((line) => {
      // A shell's open-file limit may be below what 20,000 connections need; a few suffice here.
      if (/^\s*maxconn\b/.test(line)) return '    maxconn 1000';
      if (/^\s*bind :80\b/.test(line)) return `    bind 127.0.0.1:${port}`;
      if (/^\s*bind 127\.0\.0\.1:8404\b/.test(line)) return `    bind 127.0.0.1:${statsPort}`;
      const match = /^(\s*server \S+ )\S+(.*)$/.exec(line);
      return match ? `${match[1]}127.0.0.1:${nodes[server++].port}${match[2]}` : line;
    })
    .join('\n');
}

/** Each server's state as HAProxy sees it (`UP`, `DOWN`, `UP 1/2` …), from its stats page. */
async function serverStates(statsPort: number): Promise<Record<string, string>> {
  const csv = await (await fetch(`http://127.0.0.1:${statsPort}/stats;csv`)).text();
  const [header, ...rows] = csv.trim().split('\n').map((line) => line.split(','));
  const col = (name: string) => header.indexOf(name === 'pxname' ? '# pxname' : name);
  const states: Record<string, string> = {};
  for (const row of rows) if (row[col('pxname')] === 'gateways' && row[col('svname')] !== 'BACKEND') states[row[col('svname')]] = row[col('status')];
  return states;
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`FAILED: ${what} within ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** A TCP path from one node to Redis that can be cut, so that node alone loses Redis. */
async function redisPath(redisPort: number): Promise<{ url: string; cut(): void }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((inbound) => {
    const outbound = net.connect(redisPort, '127.0.0.1');
    for (const socket of [inbound, outbound]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => sockets.delete(socket));
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `redis://127.0.0.1:${port}`,
    cut() {
      server.close();
      for (const socket of sockets) socket.destroy();
    },
  };
}

let round = 0;
const bet = () => {
  round++;
  const data = { unique_id: `lb-bet-${started}-${round}`, timestamp: new Date().toISOString(), player_id: `p-${round}`, game_id: 'GD8', round_id: `lb-r-${round}`, amount: round, currency: 'EUR', is_win: false, is_bonus: false };
  return { event: 'gameround', data };
};

async function main(): Promise<void> {
  const services: TestService[] = [];
  const nodes: GatewayNode[] = [];
  const clients: TestClient[] = [];
  let haproxy: ChildProcess | undefined;
  let configDir: string | undefined;
  let haproxyLog = '';
  const cuts: (() => void)[] = [];
  const stop = async () => {
    for (const client of clients) client.ws.terminate();
    if (haproxy && haproxy.exitCode === null) haproxy.kill('SIGTERM');
    await Promise.all(nodes.map((node) => node.stop().catch(() => {})));
    for (const cut of cuts) cut();
    await Promise.all(services.map((service) => service.stop().catch(() => {})));
    if (configDir) fs.rmSync(configDir, { recursive: true, force: true });
  };
  const timeout = setTimeout(() => {
    console.error(`FAILED: gave up after ${DEADLINE_MS / 1000} s`);
    void stop().finally(() => process.exit(1));
  }, DEADLINE_MS);
  try {
    const [redis, postgres] = await Promise.all([startRedis(['--appendonly', 'yes', '--maxmemory-policy', 'noeviction']), startPostgres()]);
    services.push(redis, postgres);
    const ids = ['node-a', 'node-b', 'node-c'];
    const paths = await Promise.all(ids.map(() => redisPath(redis.port)));
    cuts.push(...paths.map((p) => p.cut));
    const env = (i: number) => ({ REDIS_URL: paths[i].url, DATABASE_URL: postgres.url, INGEST_API_KEYS: INGEST_KEY });
    nodes.push(...(await Promise.all(ids.map((id, i) => startNode(id, env(i))))));
    console.log(`     three nodes up on ports ${nodes.map((n) => n.port).join(', ')} (${elapsed()})`);

    const [port, statsPort] = [await freePort(), await freePort()];
    configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-haproxy-'));
    const configFile = path.join(configDir, 'haproxy.cfg');
    fs.writeFileSync(configFile, localConfig(nodes, port, statsPort));
    execFileSync('haproxy', ['-c', '-q', '-f', CONFIG]);
    check(true, 'deploy/haproxy.cfg is valid (haproxy -c)');
    const guide = fs.readFileSync(path.join(import.meta.dirname, '../docs/deploy.md'), 'utf8');
    for (const [file, fence] of [['haproxy.cfg', 'haproxy'], ['redis.conf', 'conf']]) {
      const shown = new RegExp(`\`\`\`${fence}\n([\\s\\S]*?)\`\`\`\n`).exec(guide)?.[1];
      check(shown === fs.readFileSync(path.join(import.meta.dirname, file), 'utf8'), `docs/deploy.md shows deploy/${file} as it is`);
    }
    haproxy = spawn('haproxy', ['-db', '-f', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    haproxy.stderr!.on('data', (chunk) => (haproxyLog = (haproxyLog + chunk).slice(-4000)));
    const base = `http://127.0.0.1:${port}`;
    await until('every server UP in HAProxy', 15_000, async () => Object.values(await serverStates(statsPort)).filter((s) => s === 'UP').length === 3);
    check(true, `HAProxy on 127.0.0.1:${port} sees node-a, node-b, node-c UP (${elapsed()})`);

    const answered = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${base}/api/health`);
      const body = (await res.json()) as { status: string; node_id: string; engine: string; database: string };
      check(res.status === 200 && body.engine === 'redis' && body.database === 'postgres', `GET /api/health through the balancer: 200 from ${body.node_id}, redis + postgres`);
      answered.add(body.node_id);
    }
    check(answered.size >= 2, `health answered by ${answered.size} different nodes (no stickiness)`);
    const metrics = await (await fetch(`${base}/api/metrics`)).text();
    check(['floor_ws_connections', 'floor_events_published_total', 'floor_ingest_latency_seconds', 'floor_nodejs_eventloop_lag_seconds'].every((name) => metrics.includes(name)), 'GET /api/metrics through the balancer: floor_* series');
    const exporter = await (await fetch(`http://127.0.0.1:${statsPort}/metrics`)).text();
    check(/^haproxy_server_status\{proxy="gateways",server="node-a",state="UP"\} 1$/m.test(exporter), "HAProxy's own Prometheus exporter: haproxy_server_status per node");

    const tokens = new TokenAuthority(NODE_SECRET);
    const token = await tokens.mint({ user_id: 'u-check', name: 'Balancer check', role: 'operator' });
    const connect = async () => {
      const client = new TestClient(new WebSocket(`ws://127.0.0.1:${port}/v1/ws?token=${encodeURIComponent(token)}`, { perMessageDeflate: false }));
      clients.push(client);
      await client.opened;
      return { client, welcome: await client.waitForType('welcome', 10_000) };
    };
    const first = await connect();
    check(first.welcome.epoch, `WebSocket /v1/ws through the balancer: welcome, epoch ${first.welcome.epoch}`);
    const sub = await first.client.subscribe('game');
    const ingest = async (items: object[]) => {
      const res = await fetch(`${base}/api/v1/events`, { method: 'POST', headers: { 'x-api-key': INGEST_KEY, 'content-type': 'application/json' }, body: JSON.stringify({ items }) });
      await res.arrayBuffer();
      return res.status;
    };
    check((await ingest([bet()])) === 204, 'POST /api/v1/events through the balancer: 204');
    const seen = await first.client.waitFor((f) => f.type === 'event' && f.subscription_id === sub.subscription_id, 5000, 'the ingested bet');
    check(true, `the ingested bet reached the socket (seq ${seen.seq})`);

    const holder = await until('the node holding the socket', 5000, async () => {
      const counts = await Promise.all(nodes.map(async (node) => (await node.health()).body.connections));
      return nodes.find((_node, i) => counts[i] === 1);
    });
    const survivors = nodes.filter((node) => node !== holder);
    holder.kill();
    const killedAt = Date.now();
    const closed = await Promise.race([first.client.closed, sleep(10_000).then(() => null)]);
    check(closed, `killed ${holder.nodeId} (SIGKILL): the socket through the balancer closed (code ${closed?.code})`);
    // Ingested while the dead node may not be marked down yet: a request that cannot reach it is retried on another.
    for (let i = 0; i < 3; i++) check((await ingest([bet()])) === 204, `ingest through the balancer while ${holder.nodeId} is dead: 204`);
    await until(`HAProxy marking ${holder.nodeId} DOWN`, 15_000, async () => (await serverStates(statsPort))[holder.nodeId]?.startsWith('DOWN'));
    check(true, `HAProxy marked ${holder.nodeId} DOWN ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill`);

    const again = await connect();
    check(again.welcome.epoch === first.welcome.epoch, 'reconnected through the balancer: welcome, same epoch');
    const resumed = await again.client.subscribe('game', {}, { since: seen.seq, epoch: first.welcome.epoch });
    check(resumed.recovered === true, 'resumed with since/epoch: recovered: true');
    const missed = await until('the three missed bets', 5000, async () => {
      const events = again.client.events(resumed.subscription_id);
      return events.length >= 3 && events;
    });
    check(missed.map((f) => f.seq).join() === [1, 2, 3].map((n) => seen.seq + n).join(), `the missed bets replayed once, in order (seq ${missed.map((f) => f.seq).join(', ')})`);
    const holding = async (among: GatewayNode[]) => (await Promise.all(among.map(async (node) => (await node.health()).body.connections as number))).map((n, i) => [among[i], n] as const);
    const afterKill = await holding(survivors);
    check(afterKill.reduce((sum, [, n]) => sum + n, 0) === 1, `the client landed on a surviving node (${afterKill.map(([node, n]) => `${node.nodeId}: ${n}`).join(', ')})`);

    // The node now holding the socket loses Redis (its path to Redis is cut; the others keep theirs).
    const cutOff = afterKill.find(([, n]) => n === 1)![0];
    const last = survivors.find((node) => node !== cutOff)!;
    const lastSeen = again.client.events(resumed.subscription_id).at(-1)!;
    cuts[nodes.indexOf(cutOff)]();
    const cutAt = Date.now();
    const unhealthy = await until(`${cutOff.nodeId} answering 503`, 10_000, async () => {
      const health = await cutOff.health();
      return health.status === 503 && health;
    });
    check(unhealthy.body.status === 'unavailable', `${cutOff.nodeId} lost Redis: GET /api/health answers 503 ${JSON.stringify(unhealthy.body.status)}`);
    await until(`HAProxy marking ${cutOff.nodeId} DOWN`, 15_000, async () => (await serverStates(statsPort))[cutOff.nodeId]?.startsWith('DOWN'));
    check(true, `HAProxy marked ${cutOff.nodeId} DOWN ${((Date.now() - cutAt) / 1000).toFixed(1)} s after it lost Redis`);
    const shut = await Promise.race([again.client.closed, sleep(5000).then(() => null)]);
    check(shut, `HAProxy closed the socket held on ${cutOff.nodeId} (on-marked-down shutdown-sessions)`);
    for (let i = 0; i < 2; i++) check((await ingest([bet()])) === 204, `ingest through the balancer: 204 from the node left`);
    const third = await connect();
    const resumedAgain = await third.client.subscribe('game', {}, { since: lastSeen.seq, epoch: first.welcome.epoch });
    const missedAgain = await until('the two missed bets', 5000, async () => {
      const events = third.client.events(resumedAgain.subscription_id);
      return events.length >= 2 && events;
    });
    check(resumedAgain.recovered === true && missedAgain.length === 2, `reconnected and resumed on ${last.nodeId}: recovered: true, seq ${missedAgain.map((f) => f.seq).join(', ')}`);
    console.log(`\nall checks passed in ${elapsed()}`);
  } catch (err) {
    if (haproxyLog) console.error(`HAProxy said:\n${haproxyLog}`);
    throw err;
  } finally {
    clearTimeout(timeout);
    await stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
