/**
 * P1 baseline: Socket.IO 4 rooms doing the gateway's job. Fed like the gateway (POST /api/v1/events);
 * clients join `game` or `game:<location>`, and each event is emitted once to the union of the rooms
 * it matches (Socket.IO encodes a broadcast once and writes it to every member).
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { answerHealth, exitWithParent, readAll, toBetFrames } from './feed';

exitWithParent();
const server = createServer(async (req, res) => {
  if (answerHealth(req, res)) return;
  if (req.method !== 'POST' || req.url !== '/api/v1/events') return void res.writeHead(404).end();
  const body = JSON.parse((await readAll(req)).toString('utf8')) as unknown;
  for (const { location_id, frame } of toBetFrames(body)) {
    const target = location_id ? io.to('game').to(`game:${location_id}`) : io.to('game');
    target.emit('event', frame);
  }
  res.writeHead(204).end();
});

const io = new Server(server, { serveClient: false, transports: ['websocket'], perMessageDeflate: false });
io.on('connection', (socket) => {
  socket.on('join', (room: string, ack?: () => void) => {
    void socket.join(room);
    ack?.();
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1');
