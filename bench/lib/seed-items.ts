/**
 * Ingest items (`gameround` bets, docs/protocol.md §11.1) for the load figures. Every item carries the bench's
 * send time in its `unique_id`, which the gateway echoes as the event frame's `id`, so a receiver
 * can measure publish→receive latency without a clock of its own.
 */

/** The bench floor: two locations with ten devices each, so a `location_id` filter matches half the events. */
export const BENCH_FLOOR = {
  locations: ['loc-a', 'loc-b'].map((id) => ({
    id,
    name: `Bench ${id.slice(-1).toUpperCase()}`,
    devices: Array.from({ length: 10 }, (_, i) => ({ id: `${id.replace('loc', 'dev')}-${i}`, type: 'slot', game_id: `GD${i}` })),
  })),
};

/** Device id → location id, as the floor registry resolves it. */
export const DEVICE_LOCATION = new Map(BENCH_FLOOR.locations.flatMap((l) => l.devices.map((d) => [d.id, l.id] as const)));

/** The location the filtered half of the clients subscribes to. */
export const FILTER_LOCATION = 'loc-a';

/** Receivers look for this in a frame to find a bench event and its send time. */
export const ID_PREFIX = 'bn-';

/**
 * Microseconds on the machine's monotonic clock (CLOCK_MONOTONIC via `process.hrtime`), the same in
 * every process on the machine: senders stamp it, receivers in another process subtract it from theirs.
 */
export function nowUs(): number {
  const [s, ns] = process.hrtime();
  return s * 1e6 + Math.floor(ns / 1000);
}

/** Makes `gameround` bets, alternating locations; ids are unique per run and carry the send time. */
export class GameroundFactory {
  private n = 0;
  private readonly run = Math.random().toString(36).slice(2, 8);

  /** `count` items as one JSON body `{"items":[…]}`, stamped with the current time. */
  body(count: number): string {
    const sentUs = nowUs();
    const ts = new Date().toISOString();
    const parts: string[] = [];
    for (let i = 0; i < count; i++) parts.push(this.item(sentUs, ts));
    return `{"items":[${parts.join(',')}]}`;
  }

  /** Number of items made so far. */
  get made(): number {
    return this.n;
  }

  /** Number of items made so far on the filtered location's devices. */
  get madeFiltered(): number {
    return (this.n + 1) >> 1;
  }

  private item(sentUs: number, ts: string): string {
    const n = this.n++;
    const loc = n % 2 === 0 ? 'a' : 'b';
    const device = `dev-${loc}-${n % 10}`;
    const amount = ((n % 40) + 1) / 4;
    // unique_id: prefix, run, counter, send time in µs (the receiver parses the part after the last '-').
    return (
      `{"event":"gameround","data":{"unique_id":"${ID_PREFIX}${this.run}-${n}-${sentUs}","timestamp":"${ts}",` +
      `"player_id":"P-${n % 500}","game_id":"GD${n % 10}","round_id":"r-${this.run}-${n}","amount":${amount},` +
      `"currency":"EUR","is_win":false,"is_bonus":false,"device_id":"${device}"}}`
    );
  }
}

const QUOTE = 0x22;
const DASH = 0x2d;

/**
 * Finds a bench event id in a raw frame and returns the send time (µs) it carries, or -1 when the
 * frame is not a bench event. Works on the bytes: no JSON parse per message on the receiving side.
 */
export function sentUsFromFrame(frame: Buffer | string): number {
  const buf = typeof frame === 'string' ? Buffer.from(frame) : frame;
  const at = buf.indexOf(`"id":"${ID_PREFIX}`);
  if (at < 0) return -1;
  const end = buf.indexOf(QUOTE, at + 6 + ID_PREFIX.length);
  if (end < 0) return -1;
  return sentUsFromIdBytes(buf, at + 6, end);
}

function sentUsFromIdBytes(buf: Buffer, start: number, end: number): number {
  let dash = end - 1;
  while (dash > start && buf[dash] !== DASH) dash--;
  let v = 0;
  for (let i = dash + 1; i < end; i++) v = v * 10 + (buf[i] - 48);
  return v;
}

/** The send time (µs) carried by a bench event id, or -1 for another id. */
export function sentUsFromId(id: unknown): number {
  if (typeof id !== 'string' || !id.startsWith(ID_PREFIX)) return -1;
  return Number(id.slice(id.lastIndexOf('-') + 1));
}
