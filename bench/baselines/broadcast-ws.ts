/**
 * P1 ceiling: a bare `ws` server fed like the gateway (POST /api/v1/events) that serializes each
 * event frame once and writes the same bytes to every matching client, with each socket corked for
 * the whole batch so a batch leaves in one write per socket (as the gateway does). Speaks just
 * enough of the dashboard protocol for the bench clients: `welcome`, then `subscribe` with an
 * optional `location_id`.
 */
import { createServer } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import { answerHealth, exitWithParent, readAll, toBetFrames } from './feed';

exitWithParent();
interface Cork {
  cork(): void;
  uncork(): void;
}

const all = new Set<WebSocket>();
const byLocation = new Map<string, Set<WebSocket>>();

const server = createServer(async (req, res) => {
  if (answerHealth(req, res)) return;
  if (req.method !== 'POST' || req.url !== '/api/v1/events') return void res.writeHead(404).end();
  const body = JSON.parse((await readAll(req)).toString('utf8')) as unknown;
  const corked = new Set<Cork>();
  const send = (ws: WebSocket, bytes: Buffer) => {
    const socket = (ws as unknown as { _socket?: Cork })._socket;
    if (socket && !corked.has(socket)) {
      socket.cork();
      corked.add(socket);
    }
    ws.send(bytes, { binary: false });
  };
  for (const { location_id, frame } of toBetFrames(body)) {
    const bytes = Buffer.from(JSON.stringify(frame));
    for (const ws of all) send(ws, bytes);
    const local = location_id ? byLocation.get(location_id) : undefined;
    if (local) for (const ws of local) send(ws, bytes);
  }
  for (const socket of corked) socket.uncork();
  res.writeHead(204).end();
});

const wss = new WebSocketServer({ server, path: '/v1/ws', perMessageDeflate: false });
wss.on('connection', (ws) => {
  ws.send(JSON.stringify({ type: 'welcome', session_id: 'bench', epoch: 'bench', heartbeat_interval_ms: 5000 }));
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as { id?: string; type?: string; params?: { location_id?: string } };
    if (msg.type !== 'subscribe') return;
    const loc = msg.params?.location_id;
    if (loc) {
      if (!byLocation.has(loc)) byLocation.set(loc, new Set());
      byLocation.get(loc)!.add(ws);
    } else all.add(ws);
    ws.send(JSON.stringify({ type: 'response', id: msg.id, success: true, subscription_id: 'sub-bench', channel: 'game' }));
  });
  ws.on('close', () => {
    all.delete(ws);
    for (const set of byLocation.values()) set.delete(ws);
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1');
