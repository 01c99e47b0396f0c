/**
 * How nodes on one Redis should hear each other's events: stream reads (`XADD` + a blocking `XREAD` per
 * node, what `RedisBroker` does) or pub/sub (`PUBLISH` + `SUBSCRIBE`). The same load both ways in one
 * run: a publisher posting 1,500 events/s in batches every 10 ms (as the ingest does), two readers (two
 * nodes), everything in this process so its CPU time compares the two ways; Redis's own CPU from /proc.
 * Prints per mode: CPU-ms per 1,000 events read, p50/p99 publish → read latency, and events lost.
 * Run: `node --import tsx bench/repro/redis-fanout.ts [--seconds=N]`. Traffic only to 127.0.0.1; stops what it starts.
 */
import fs from 'node:fs';
import { createClient } from 'redis';
import { startRedis } from '../../tests/support/services';

const RATE = 1500;
const TICK_MS = 10;
const seconds = Number(process.argv.find((a) => a.startsWith('--seconds='))?.split('=')[1] ?? 15);
const PAYLOAD = JSON.stringify({ player_id: 'p-1', game_id: 'GD8', round_id: 'r-1', amount: 12.5, currency: 'EUR', location_id: 'loc-main', device_id: 'EGM-0042' });

type Mode = 'streams' | 'pubsub';

function cpuOfPid(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in ms at 100 Hz
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

async function run(mode: Mode, url: string, redisPid: number) {
  const publisher = createClient({ url });
  await publisher.connect();
  const readers = [publisher.duplicate(), publisher.duplicate()];
  await Promise.all(readers.map((r) => r.connect()));
  const latencies: number[] = [];
  const received = [0, 0];
  let stopping = false;
  const key = `bench:${mode}`;

  const loops: Promise<void>[] = [];
  if (mode === 'pubsub') {
    await Promise.all(
      readers.map((reader, i) =>
        reader.subscribe(key, (message) => {
          const sentAt = Number(message.slice(0, message.indexOf('|')));
          latencies.push(performance.now() + performance.timeOrigin - sentAt);
          received[i]++;
        }),
      ),
    );
  } else {
    readers.forEach((reader, i) => {
      loops.push(
        (async () => {
          let last = '$';
          while (!stopping) {
            const reply = (await reader.sendCommand(['XREAD', 'COUNT', '2000', 'BLOCK', '200', 'STREAMS', key, last])) as Record<string, [string, string[]][]> | null;
            if (!reply) continue;
            for (const entries of Object.values(reply)) {
              for (const [id, flat] of entries) {
                last = id;
                latencies.push(performance.now() + performance.timeOrigin - Number(flat[1]));
                received[i]++;
              }
            }
          }
        })(),
      );
    });
  }

  const perTick = (RATE * TICK_MS) / 1000;
  let sent = 0;
  const cpuStart = process.cpuUsage();
  const redisStart = cpuOfPid(redisPid);
  const started = Date.now();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (Date.now() - started >= seconds * 1000) {
        clearInterval(timer);
        return resolve();
      }
      for (let i = 0; i < perTick; i++) {
        const now = String(performance.now() + performance.timeOrigin);
        if (mode === 'pubsub') void publisher.sendCommand(['PUBLISH', key, `${now}|${PAYLOAD}`]);
        else void publisher.sendCommand(['XADD', key, 'MAXLEN', '~', '10000', '*', 't', now, 'd', PAYLOAD]);
        sent++;
      }
    }, TICK_MS);
  });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const cpu = process.cpuUsage(cpuStart);
  const redisCpu = cpuOfPid(redisPid) - redisStart;
  stopping = true;
  await Promise.all(loops);
  await Promise.all([...readers, publisher].map((c) => c.close()));
  latencies.sort((a, b) => a - b);
  const read = received[0] + received[1];
  return {
    mode,
    sent,
    lost: 2 * sent - read,
    cpu_ms_per_1000_read: Math.round(((cpu.user + cpu.system) / 1000 / read) * 1000 * 100) / 100,
    redis_cpu_ms_per_1000_read: Math.round((redisCpu / read) * 1000 * 100) / 100,
    p50_ms: Math.round(percentile(latencies, 50) * 100) / 100,
    p99_ms: Math.round(percentile(latencies, 99) * 100) / 100,
  };
}

const redis = await startRedis();
try {
  const pid = Number((await createClient({ url: redis.url }).connect().then(async (c) => {
    const info = (await c.sendCommand(['INFO', 'server'])) as string;
    await c.close();
    return /process_id:(\d+)/.exec(info)![1];
  })));
  const results: Awaited<ReturnType<typeof run>>[] = [];
  // ABBA, each mode keeps its better round.
  for (const mode of ['streams', 'pubsub', 'pubsub', 'streams'] as Mode[]) results.push(await run(mode, redis.url, pid));
  const best = (mode: Mode) => results.filter((r) => r.mode === mode).sort((a, b) => a.cpu_ms_per_1000_read - b.cpu_ms_per_1000_read)[0];
  const streams = best('streams');
  const pubsub = best('pubsub');
  console.log(`redis-fanout: ${RATE} events/s for ${seconds} s to two readers, load average ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`);
  console.table([streams, pubsub]);
  console.log(`streams / pubsub, this process's CPU per event read: ${(streams.cpu_ms_per_1000_read / pubsub.cpu_ms_per_1000_read).toFixed(2)}×`);
  console.log(JSON.stringify({ figure: 'redis-fanout', streams, pubsub }));
} finally {
  await redis.stop();
}
