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

/** Separates an id's origin letter from its run (`bn-a.<run>-…`); a run's own characters are base 36, never a dot. */
const ORIGIN_MARK = '.';

/**
 * Makes `gameround` bets, alternating locations; ids are unique per run and carry the send time.
 * `origin`, one letter or digit, names where the items are posted (a node of the floor): receivers
 * read it back from each frame to tell same-node from cross-node deliveries.
 */
export class GameroundFactory {
  private n = 0;
  private readonly run: string;

  constructor(origin = '') {
    if (origin && !/^[a-z0-9]$/.test(origin)) throw new Error(`an origin is one lowercase letter or digit, not ${JSON.stringify(origin)}`);
    const run = Math.random().toString(36).slice(2, 8);
    this.run = origin ? `${origin}${ORIGIN_MARK}${run}` : run;
  }

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
const DOT = ORIGIN_MARK.charCodeAt(0);
/** Bytes of `"id":"` plus the prefix, from the match to the id's first character of its own. */
const ID_START = 6 + ID_PREFIX.length;

/**
 * Finds a bench event id in a raw frame and returns the send time (µs) it carries, or -1 when the
 * frame is not a bench event. Works on the bytes: no JSON parse per message on the receiving side.
 */
export function sentUsFromFrame(frame: Buffer | string): number {
  const buf = typeof frame === 'string' ? Buffer.from(frame) : frame;
  const at = buf.indexOf(`"id":"${ID_PREFIX}`);
  if (at < 0) return -1;
  const end = buf.indexOf(QUOTE, at + ID_START);
  if (end < 0) return -1;
  return sentUsFromIdBytes(buf, at + 6, end);
}

/** The origin letter of the bench event in a raw frame (see `GameroundFactory`), or '' when it has none. */
export function originFromFrame(frame: Buffer): string {
  const at = frame.indexOf(`"id":"${ID_PREFIX}`);
  return at >= 0 && frame[at + ID_START + 1] === DOT ? String.fromCharCode(frame[at + ID_START]) : '';
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

/** The origin letter a bench event id carries, or '' when it has none. */
export function originFromId(id: unknown): string {
  return typeof id === 'string' && id[ID_PREFIX.length + 1] === ORIGIN_MARK ? id[ID_PREFIX.length] : '';
}
