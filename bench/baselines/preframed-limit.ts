/**
 * P1 limit: the least a server can do to deliver the gateway's event frames. Fed like the gateway
 * (POST /api/v1/events, the bench's ingest key accepted and not checked, as by the other baselines),
 * it builds each event's frame tail once per batch and writes each client ONE buffer: that client's
 * frames of the batch, already framed (RFC 6455 header, its own `subscription_id`, the shared tail),
 * back to back. No validation, dedup, history, metrics or slow-consumer check: the gap to the
 * gateway is what those cost.
 *
 * The opening handshake, `welcome` and the `subscribe` reply go through `ws`, as in the gateway and
 * the bare ws baseline: it answers the same frames the bench's receivers speak, and none of it runs
 * while events flow. After the reply, events are written to the TCP socket under `ws` (see
 * `lib/gateway/raw-socket.ts` for why that is sound), never through `ws.send`.
 */
import { createServer } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import { rawSocketOf, type RawSocket } from '../../lib/gateway/raw-socket';
import { answerHealth, exitWithParent, readAll, toBetFrames } from './feed';
import { framesFor, newSubscriptionId, sharedTail, type Subscriber, subscriberPrefix } from './preframed-frames';

exitWithParent();

interface Client extends Subscriber {
  ws: WebSocket;
  socket: RawSocket;
}

const clients = new Set<Client>();

const server = createServer(async (req, res) => {
  if (answerHealth(req, res)) return;
  if (req.method !== 'POST' || req.url !== '/api/v1/events') return void res.writeHead(404).end();
  const body = JSON.parse((await readAll(req)).toString('utf8')) as unknown;
  const events = toBetFrames(body).map(({ location_id, frame }) => sharedTail(frame, location_id));
  for (const client of clients) {
    const bytes = framesFor(client, events);
    // Once ws starts closing nothing more may follow its close frame.
    if (bytes && client.ws.readyState === WebSocket.OPEN) client.socket.write(bytes);
  }
  res.writeHead(204).end();
});

const wss = new WebSocketServer({ server, path: '/v1/ws', perMessageDeflate: false });
wss.on('connection', (ws) => {
  let client: Client | null = null;
  ws.send(JSON.stringify({ type: 'welcome', session_id: 'bench', epoch: 'bench', heartbeat_interval_ms: 5000 }));
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as { id?: string; type?: string; params?: { location_id?: string } };
    const socket = rawSocketOf(ws);
    if (msg.type !== 'subscribe' || client || !socket) return;
    const subscriptionId = newSubscriptionId();
    const params = msg.params?.location_id ? { location_id: msg.params.location_id } : {};
    ws.send(JSON.stringify({ type: 'response', id: msg.id, success: true, subscription_id: subscriptionId, channel: 'game', params }));
    client = { ws, socket, prefix: subscriberPrefix(subscriptionId), location: params.location_id ?? null };
    clients.add(client);
  });
  ws.on('close', () => {
    if (client) clients.delete(client);
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1');
