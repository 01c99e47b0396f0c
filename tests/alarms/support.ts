import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, vi } from 'vitest';
import { createAlarmService, type AlarmServiceOptions } from '../../lib/gateway/alarms';
import type { Publisher } from '../../lib/gateway/types';
import type { Channel, EventName, SessionUser } from '../../lib/protocol';
import { createMetrics } from '../../lib/runtime/metrics';

/** A publisher that keeps what it was given, copied, in order. */
export function recordingPublisher() {
  const events: { channel: Channel; event: EventName; id: string; data: Record<string, unknown> }[] = [];
  const publisher: Publisher = {
    publish(channel: Channel, event: EventName, data: object, meta?: { id?: string; ts?: string }) {
      const id = meta?.id ?? `ev-${events.length}`;
      events.push({ channel, event, id, data: structuredClone(data) as Record<string, unknown> });
    },
  };
  return { publisher, events, names: () => events.map((e) => e.event) };
}

/** A fresh data directory under the system temp dir. */
export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'floor-alarms-'));
}

/** An alarm service on `dataDir` with a recording publisher and its own metrics. */
export function openService(dataDir: string, extra: Partial<AlarmServiceOptions> = {}) {
  const recorder = recordingPublisher();
  const metrics = createMetrics();
  const service = createAlarmService({ dataDir, publisher: recorder.publisher, metrics, logger: pino({ level: 'silent' }), ...extra });
  return { service, metrics, ...recorder };
}

export const manager: SessionUser = { user_id: 'user-maya-chen', name: 'Maya Chen', role: 'manager' };
export const otherManager: SessionUser = { user_id: 'user-sam-ortiz', name: 'Sam Ortiz', role: 'manager' };

/** The gauge value of open alarms for one severity. */
export async function openGauge(metrics: ReturnType<typeof createMetrics>, severity: string): Promise<number> {
  const { values } = await metrics.alarmsOpen.get();
  return values.find((v) => v.labels.severity === severity)?.value ?? 0;
}

/**
 * Per-test services on a fresh data directory under a fake clock starting 2025-05-11T11:00:00Z;
 * everything started is closed and removed after each test.
 */
export function serviceFixture() {
  let dir = '';
  let opened: ReturnType<typeof openService>[] = [];
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.parse('2025-05-11T11:00:00Z'), toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    dir = tempDataDir();
  });
  afterEach(() => {
    for (const s of opened) s.service.close();
    opened = [];
    vi.useRealTimers();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    /** The current test's data directory. */
    dataDir: () => dir,
    /** Opens a service (again) on the current test's data directory. */
    start(extra: Partial<AlarmServiceOptions> = {}, at: string = dir) {
      const s = openService(at, extra);
      opened.push(s);
      return s;
    },
  };
}
