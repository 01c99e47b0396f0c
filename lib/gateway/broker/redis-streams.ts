import type { Channel } from '../../protocol';

/** What the broker uses of a node-redis client (`redis` 6): raw commands, so replies stay plain arrays. */
export interface RedisClient {
  sendCommand(args: string[]): Promise<unknown>;
  readonly isReady: boolean;
  destroy(): void;
  close(): Promise<unknown>;
}

/**
 * Where a floor's shared stream state lives in Redis, under one prefix (nodes of one floor share it):
 * a hash with the `epoch` and each channel's `seq:<channel>`, and a stream per channel.
 */
export interface StreamKeys {
  meta: string;
  stream(channel: Channel): string;
}

export function streamKeys(prefix: string): StreamKeys {
  return { meta: `${prefix}:meta`, stream: (channel) => `${prefix}:stream:${channel}` };
}

/**
 * Numbers and appends publications atomically, in order: the ones a node made in one turn, in one call.
 * A missing epoch means the hash was lost (a restart without persistence, an eviction): the candidate
 * becomes the epoch and, the counters being gone with it, seqs start again at 1. Returns `[epoch, seq…]`.
 *
 * KEYS: meta hash, then each publication's channel stream. ARGV: candidate epoch, stream MAXLEN, node,
 * then per publication: channel, event, id, ts, data, fields.
 */
export const PUBLISH_SCRIPT = `
local epoch = redis.call('HGET', KEYS[1], 'epoch')
if not epoch then
  epoch = ARGV[1]
  redis.call('HSET', KEYS[1], 'epoch', epoch)
end
local out = {epoch}
for i = 0, (#ARGV - 3) / 6 - 1 do
  local b = 3 + i * 6
  local seq = redis.call('HINCRBY', KEYS[1], 'seq:' .. ARGV[b + 1], 1)
  redis.call('XADD', KEYS[2 + i], 'MAXLEN', '~', ARGV[2], '*', 'p', epoch, 'q', seq, 'n', ARGV[3], 'e', ARGV[b + 2], 'i', ARGV[b + 3], 't', ARGV[b + 4], 'd', ARGV[b + 5], 'f', ARGV[b + 6])
  out[#out + 1] = seq
end
return out
`;

/**
 * Starts a new epoch (its seq counters from 0) if the epoch is still the one given: of several nodes that
 * saw the history go back, one changes it. KEYS: meta hash. ARGV: the epoch seen, the new one.
 */
export const RESET_EPOCH_SCRIPT = `
if redis.call('HGET', KEYS[1], 'epoch') == ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[1], 'epoch', ARGV[2])
end
return redis.call('HGET', KEYS[1], 'epoch')
`;

/** One stream entry as the broker reads it back. */
export interface StreamEntry {
  streamId: string;
  epoch: string;
  seq: number;
  node: string;
  event: string;
  id: string;
  ts: string;
  dataJson: string;
  fieldsJson: string;
}

/** Reads an entry's flat `[field, value, …]` list; null when it is not one of ours. */
export function parseEntry(streamId: string, flat: string[]): StreamEntry | null {
  const m: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) m[flat[i]] = flat[i + 1];
  const seq = Number(m.q);
  if (!m.p || !Number.isSafeInteger(seq) || seq < 1 || !m.e) return null;
  return { streamId, epoch: m.p, seq, node: m.n ?? '', event: m.e, id: m.i ?? '', ts: m.t ?? '', dataJson: m.d ?? 'null', fieldsJson: m.f ?? '{}' };
}

type RawEntries = [string, string[]][];

/** `XREAD` raw reply: per stream, its key and entries (a map under RESP3, pairs under RESP2). */
export type RawRead = Record<string, RawEntries> | Map<string, RawEntries> | [string, RawEntries][] | null;

/** Each stream of an `XREAD` reply with its entries, whichever protocol version answered. */
export function readStreams(read: NonNullable<RawRead>): Iterable<[string, RawEntries]> {
  if (Array.isArray(read)) return read;
  if (read instanceof Map) return read.entries();
  return Object.entries(read);
}

/** The newest `count` entries of a stream, oldest first. */
export async function readTail(client: RedisClient, key: string, count: number): Promise<RawEntries> {
  const newestFirst = (await client.sendCommand(['XREVRANGE', key, '+', '-', 'COUNT', String(count)])) as RawEntries;
  return newestFirst.reverse();
}

/** Runs the publish script by its SHA, loading it again when Redis forgot it (a restart flushes scripts). */
export async function evalScript(client: RedisClient, script: string, sha: { value: string | null }, keys: string[], args: string[]): Promise<unknown> {
  if (sha.value) {
    try {
      return await client.sendCommand(['EVALSHA', sha.value, String(keys.length), ...keys, ...args]);
    } catch (err) {
      if (!String((err as Error)?.message).includes('NOSCRIPT')) throw err;
    }
  }
  sha.value = (await client.sendCommand(['SCRIPT', 'LOAD', script])) as string;
  return client.sendCommand(['EVALSHA', sha.value, String(keys.length), ...keys, ...args]);
}
