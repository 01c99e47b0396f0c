import pino from 'pino';
import type { Alarm, Channel, EventName, PublishedEvent } from '../../protocol';
import type { AlarmCondition, AlarmInputs } from '../../gateway/alarms/types';
import type { Publisher } from '../../gateway/types';
import { loadConfig } from '../../runtime/config';
import { createMetrics } from '../../runtime/metrics';

/** A Publisher that records every event. */
export function fakePublisher() {
  const events: PublishedEvent[] = [];
  const seqs = new Map<Channel, number>();
  const publisher: Publisher = {
    publish(channel: Channel, event: EventName, data: object, meta?: { id?: string; ts?: string }) {
      const seq = (seqs.get(channel) ?? 0) + 1;
      seqs.set(channel, seq);
      events.push({ channel, event, seq, id: meta?.id ?? `gen-${seq}`, ts: meta?.ts ?? new Date().toISOString(), data } as PublishedEvent);
    },
  };
  return { publisher, events, named: (event: string) => events.filter((e) => e.event === event) };
}

/** AlarmInputs that record raise and clear calls. */
export function fakeAlarms() {
  const raised: AlarmCondition[] = [];
  const cleared: { kind: string; sourceRef: string }[] = [];
  const alarms: AlarmInputs = {
    async raise(c) {
      raised.push(c);
      return { alarm_id: `a-${raised.length}`, ...c, severity: c.severity ?? 'high', state: 'unacked', shelved_until: null, count: 1, raised_at: '', acked_at: null, acked_by: null, cleared_at: null, note: null } as Alarm;
    },
    async clear(kind, sourceRef) {
      cleared.push({ kind, sourceRef });
      return null;
    },
    batch: async (work) => work(),
  };
  return { alarms, raised, cleared };
}

/** Everything a source needs, recorded. */
export function fakeDeps(env: Record<string, string> = {}) {
  const pub = fakePublisher();
  const al = fakeAlarms();
  const metrics = createMetrics();
  const logger = pino({ level: 'silent' });
  const config = loadConfig({ MOCK_STREAM: 'off', ...env } as unknown as NodeJS.ProcessEnv);
  return { ...pub, ...al, metrics, logger, config, deps: { publisher: pub.publisher, alarms: al.alarms, metrics, logger } };
}

/** A counter's value for a label set. */
export async function counterValue(counter: { get(): Promise<{ values: { labels: object; value: number }[] }> }, labels: Record<string, string>): Promise<number> {
  const { values } = await counter.get();
  return values.filter((v) => Object.entries(labels).every(([k, val]) => (v.labels as Record<string, string>)[k] === val)).reduce((s, v) => s + v.value, 0);
}
