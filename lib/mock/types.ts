import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Floor } from '../protocol';

/** `GET /api/mock-stream` and the body `POST` accepts. */
export interface MockStreamStatus {
  running: boolean;
  rate_per_s: number;
}

/** The development stream: mock upstreams in the seed formats plus a poster of ingest batches. */
export interface MockStream {
  /** The simulated floor (locations and devices). */
  readonly floor: Floor;
  /** Takes an upgrade on `/mock/exchange`, `/mock/jackpot/events` or `/mock/casino`; false for other paths. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Where this mock's upstream of that platform is on the gateway's own port, and the token it accepts. */
  endpoint(name: 'exchange' | 'jackpot' | 'casino', baseUrl: string): { url: string; token?: string };
  /** Starts playing the floor; the poster sends to `${baseUrl}/api/v1/events`. */
  start(baseUrl: string): void;
  status(): MockStreamStatus;
  update(patch: Partial<MockStreamStatus>): MockStreamStatus;
  close(): void;
}
