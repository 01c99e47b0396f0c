import type { Alarm, AlarmKind, SessionUser } from '../../protocol';
import type { Logger } from '../../server/logger';
import type { Metrics } from '../../server/metrics';
import type { AlarmActionResult, Publisher } from '../types';
import { newAlarmId } from './alarm-id';
import { FLOOD_LIMITS, FloodDetector, type FloodLimits } from './flood-detector';
import { AlarmLedger } from './ledger';
import {
  type AlarmChange,
  acknowledgeAlarm,
  isRefusal,
  raiseAlarm,
  repeatAlarm,
  returnToNormal,
  shelveAlarm,
  unshelveAlarm,
} from './lifecycle';
import { OpenAlarms } from './open-alarms';
import { compareForScreen } from './ordering';
import { ShelveTimers } from './shelving';
import type { AlarmCondition, AlarmService } from './types';

export type { AlarmCondition, AlarmInputs, AlarmService } from './types';

export interface AlarmServiceOptions {
  dataDir: string;
  publisher: Publisher;
  metrics: Metrics;
  logger: Logger;
  /** Clock in epoch ms; tests inject one. */
  now?: () => number;
  floodLimits?: FloodLimits;
  /** How often a location in flood is checked for recovery when no alarm arrives (default 30 s). */
  floodCheckMs?: number;
}

type Actor = { actor: string; actorId: string | null };
const SYSTEM: Actor = { actor: 'system', actorId: null };

/**
 * The alarm service: the ISA-18.2 lifecycle over the SQLite ledger. Each change is committed before it
 * is returned or published, then mirrored in memory (open alarms, gauge, shelve timers) and broadcast on
 * `alerts`. On start it reloads the open alarms, re-arms shelving and rebuilds the flood windows.
 */
export function createAlarmService(opts: AlarmServiceOptions): AlarmService {
  const { publisher, metrics, logger } = opts;
  const now = opts.now ?? Date.now;
  const limits = opts.floodLimits ?? FLOOD_LIMITS;
  const ledger = AlarmLedger.open(opts.dataDir);
  const alarms = new OpenAlarms();
  const floods = new FloodDetector(limits);
  const shelving = new ShelveTimers(now, unshelveDue);

  function apply(change: AlarmChange, at: string, who: Actor = SYSTEM, note: string | null = null): Alarm {
    const { alarm } = change;
    const auditId = ledger.commit(alarm, { from: change.from, action: change.action, actor: who.actor, actorId: who.actorId, at, note });
    alarms.put(alarm);
    if (alarm.shelved_until === null) shelving.disarm(alarm.alarm_id);
    else if (change.action === 'shelve') shelving.arm(alarm.alarm_id, Date.parse(alarm.shelved_until));
    refreshGauge();
    try {
      publisher.publish('alerts', change.event, alarm, { id: `${alarm.alarm_id}:${auditId}`, ts: at });
    } catch (err) {
      // The change is committed; a failed broadcast is repaired by the next snapshot.
      logger.error({ err, alarm_id: alarm.alarm_id, event: change.event }, 'alarm event not published');
    }
    logger.debug({ alarm_id: alarm.alarm_id, action: change.action, state: alarm.state }, 'alarm change');
    return alarm;
  }

  function refreshGauge(): void {
    for (const [severity, count] of Object.entries(alarms.countBySeverity())) metrics.alarmsOpen.set({ severity }, count);
  }

  function unshelveDue(alarmId: string): void {
    const current = alarms.get(alarmId);
    const change = current && unshelveAlarm(current);
    if (change) guarded(() => apply(change, iso(now())), 'unshelve failed');
  }

  function watchFlood(locationId: string, atMs: number): void {
    if (floods.record(locationId, atMs)) {
      const rate = floods.rate(locationId, atMs);
      const minutes = Math.round(limits.windowMs / 60_000);
      raise({ kind: 'flood', source_ref: locationId, location_id: locationId, message: `Alarm flood: ${rate} new alarms here in ${minutes} minutes` });
    }
  }

  function checkFloodRecovery(): void {
    for (const locationId of floods.recovered(now())) clear('flood', locationId);
  }

  function guarded(work: () => void, what: string): void {
    try {
      work();
    } catch (err) {
      logger.error({ err }, what);
    }
  }

  function raise(condition: AlarmCondition): Alarm {
    const atMs = now();
    const at = iso(atMs);
    const current = alarms.active(condition.kind, condition.source_ref);
    if (current) return apply(repeatAlarm(current, condition), at);
    const raised = apply(raiseAlarm(newAlarmId(atMs), condition, at), at);
    if (raised.kind !== 'flood' && raised.location_id !== null) {
      const locationId = raised.location_id;
      guarded(() => watchFlood(locationId, atMs), 'flood check failed');
    }
    guarded(checkFloodRecovery, 'flood recovery check failed');
    return raised;
  }

  function clear(kind: AlarmKind, sourceRef: string): Alarm | null {
    const current = alarms.active(kind, sourceRef);
    const at = iso(now());
    const change = current && returnToNormal(current, at);
    return change ? apply(change, at) : null;
  }

  /** The alarm this user may act on: one outside the token's locations is as unknown to them as it is invisible. */
  function findFor(alarmId: string, user: SessionUser): Alarm | null {
    const found = alarms.get(alarmId) ?? ledger.find(alarmId);
    if (!found) return null;
    if (user.locations && (found.location_id === null || !user.locations.includes(found.location_id))) return null;
    return found;
  }

  function ack(alarmId: string, user: SessionUser, note?: string): AlarmActionResult {
    const current = findFor(alarmId, user);
    if (!current) return { ok: false, code: 'alarm_not_found', message: `No alarm with id ${alarmId}` };
    const at = iso(now());
    const result = acknowledgeAlarm(current, user.name, note, at);
    if (isRefusal(result)) return { ok: false, ...result };
    return { ok: true, alarm: apply(result, at, { actor: user.name, actorId: user.user_id }, note ?? null) };
  }

  function shelve(alarmId: string, user: SessionUser, minutes: number): AlarmActionResult {
    // The hub validates `minutes` (positive, at most a week); a bad value here is a programming error.
    if (!Number.isFinite(minutes) || minutes <= 0) throw new RangeError(`shelve minutes must be positive, got ${minutes}`);
    const current = findFor(alarmId, user);
    if (!current) return { ok: false, code: 'alarm_not_found', message: `No alarm with id ${alarmId}` };
    const atMs = now();
    const result = shelveAlarm(current, iso(atMs + minutes * 60_000));
    if (isRefusal(result)) return { ok: false, ...result };
    return { ok: true, alarm: apply(result, iso(atMs), { actor: user.name, actorId: user.user_id }, `shelved for ${minutes} min`) };
  }

  // Restart: the ledger is the truth; memory, timers and flood windows are rebuilt from it.
  for (const alarm of ledger.loadOpen()) {
    alarms.put(alarm);
    if (alarm.shelved_until !== null) shelving.arm(alarm.alarm_id, Date.parse(alarm.shelved_until));
    if (alarm.kind === 'flood' && (alarm.state === 'unacked' || alarm.state === 'acked')) floods.markTripped(alarm.source_ref);
  }
  for (const r of ledger.recentRaises(now() - limits.windowMs)) floods.seed(r.location_id, r.raised_at_ms);
  refreshGauge();
  const floodTimer = setInterval(() => guarded(checkFloodRecovery, 'flood recovery check failed'), opts.floodCheckMs ?? 30_000);
  floodTimer.unref();

  return {
    raise,
    clear,
    ack,
    shelve,
    list: (query) => ledger.list({ state: query.state, sinceMs: query.since === undefined ? undefined : Date.parse(query.since) }),
    open: () => alarms.all().sort(compareForScreen),
    close() {
      clearInterval(floodTimer);
      shelving.close();
      ledger.close();
    },
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
