import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEVICE_LOCATION } from '../lib/seed-items';

/**
 * The minimum a baseline server does with an ingest batch: read the body, JSON.parse it and turn
 * each gameround into the gateway's event frame — no validation, dedup or history. That is the
 * floor under any real implementation, so the gap to the gateway is what its features cost.
 */

interface GameroundItem {
  event: string;
  data: { unique_id: string; timestamp: string; player_id: string; game_id: string; round_id: string; amount: number; currency: string; device_id?: string };
}

/** The data of a `bet.placed` event, keys in the gateway's order (so its JSON is the gateway's). */
export interface BetData {
  round_id: string;
  player_id: string;
  game_id: string;
  device_id: string | null;
  location_id: string | null;
  amount: number;
  currency: string;
}

/** One `bet.placed` event frame (docs/protocol.md §5), as the gateway would send it to `subscription_id`. */
export interface BetEventFrame {
  type: 'event';
  channel: 'game';
  event: 'bet.placed';
  subscription_id: string;
  seq: number;
  id: string;
  ts: string;
  data: BetData;
}

/** One `bet.placed` event frame and the location it belongs to. */
export interface BetFrame {
  location_id: string | null;
  frame: BetEventFrame;
}

let seq = 0;

/** Maps a parsed ingest body to `bet.placed` frames. */
export function toBetFrames(body: unknown): BetFrame[] {
  const items = (body as { items?: GameroundItem[] }).items ?? [];
  return items.map((item) => {
    const d = item.data;
    const location_id = (d.device_id && DEVICE_LOCATION.get(d.device_id)) || null;
    return {
      location_id,
      frame: {
        type: 'event',
        channel: 'game',
        event: 'bet.placed',
        subscription_id: 'sub-bench',
        seq: ++seq,
        id: d.unique_id,
        ts: d.timestamp,
        data: { round_id: d.round_id, player_id: d.player_id, game_id: d.game_id, device_id: d.device_id ?? null, location_id, amount: d.amount, currency: d.currency },
      },
    };
  });
}

/** Reads a whole request body. */
export function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Answers `/health` with 200; true when it did. */
export function answerHealth(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.url !== '/health') return false;
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
  return true;
}

/** A baseline server must never outlive its bench run: exit when the parent is gone, or after an hour. */
export function exitWithParent(): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, 1000).unref();
  setTimeout(() => process.exit(0), 3600_000).unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));
}
