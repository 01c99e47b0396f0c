import { randomFillSync } from 'node:crypto';

/** Crockford base32: no I, L, O, U, so an id read aloud over a radio is unambiguous. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Random bytes drawn from the system 4 KiB at a time: one draw per id cost more than everything else
 * a 1,000-alarm ingest batch does with its alarms.
 */
const pool = Buffer.alloc(4096);
let poolAt = pool.length;

function randomChunk(size: number): Buffer {
  if (poolAt + size > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  poolAt += size;
  return pool.subarray(poolAt - size, poolAt);
}

/**
 * A new alarm id: `alm-` + 10 time characters + 16 random ones (ULID layout), so ids sort by
 * creation time in the ledger and logs, and two gateways never collide.
 */
export function newAlarmId(nowMs: number = Date.now()): string {
  let time = '';
  let t = Math.max(0, Math.floor(nowMs));
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomChunk(16);
  let random = '';
  for (const byte of bytes) random += ALPHABET[byte % 32];
  return `alm-${time}${random}`;
}
