import { type Alarm, type AlarmEscalated, type AlarmKind, type SessionUser, seesLocation } from '../../protocol';
import type { Logger } from '../../runtime/logger';
import type { Metrics } from '../../runtime/metrics';
import type { AlarmActionResult, BulkAckResult, Publisher } from '../types';
import { newAlarmId } from './alarm-id';
import { DueTimers } from './due-timers';
import { EscalationSchedule } from './escalation';
import { FLOOD_LIMITS, FloodDetector, type FloodLimits } from './flood-detector';
import type { AlarmLedger, AuditEntry } from './alarm-ledger';
import { SqliteAlarmLedger } from './ledger';
import {
  type AlarmChange,
  acknowledgeAlarm,
  escalateAlarm,
  isRefusal,
  raiseAlarm,
  repeatAlarm,
  returnToNormal,
  shelveAlarm,
  unshelveAlarm,
} from './lifecycle';
import { OpenAlarms } from './open-alarms';
import { compareForScreen } from './ordering';
import { computeAlarmStats } from './stats';
import type { AlarmCondition, AlarmService } from './types';

export type { AlarmCondition, AlarmInputs, AlarmService } from './types';
export type { AlarmFilter, PagePosition } from './alarm-ledger';

export interface AlarmServiceOptions {
  /** `DATA_DIR`: where the SQLite ledger lives, unless `ledger` is given. */
  dataDir: string;
  /** The ledger to keep alarms in; by default SQLite in `dataDir`. */
  ledger?: AlarmLedger;
  publisher: Publisher;
  metrics: Metrics;
  logger: Logger;
  /** Clock in epoch ms; tests inject one. */
  now?: () => number;
  floodLimits?: FloodLimits;
  /** How often a location in flood is checked for recovery when no alarm arrives (default 30 s). */
  floodCheckMs?: number;
  /** `ALARM_ESCALATE_MINUTES`: how long a critical alarm may wait unacknowledged before it escalates (default 5). */
  escalateMinutes?: number;
}

type Actor = { actor: string; actorId: string | null };
const SYSTEM: Actor = { actor: 'system', actorId: null };
type AuditDetail = Pick<AuditEntry, 'note' | 'reason' | 'shelvedUntil' | 'escalations'>;

/**
 * The alarm service: the ISA-18.2 lifecycle over the SQLite ledger. Each change is committed before it
 * is returned or published, then mirrored in memory (open alarms, gauges, shelve and escalation timers) and
 * broadcast on `alerts`. Inside `batch`, changes commit together and are broadcast after the commit. On
 * start it reloads the open alarms, re-arms shelving and escalation, and rebuilds the flood windows.
 */
export function createAlarmService(opts: AlarmServiceOptions): AlarmService {
  const { publisher, metrics, logger } = opts;
  const now = opts.now ?? Date.now;
  const limits = opts.floodLimits ?? FLOOD_LIMITS;
  const ledger: AlarmLedger = opts.ledger ?? SqliteAlarmLedger.open(opts.dataDir);
  const alarms = new OpenAlarms();
  const floods = new FloodDetector(limits);
  const shelving = new DueTimers(now, unshelveDue);
  const escalation = new EscalationSchedule((opts.escalateMinutes ?? 5) * 60_000, now, escalateDue);
  /** Broadcasts waiting for the batch transaction to commit; null outside a batch. */
  let deferred: (() => void)[] | null = null;

  function apply(change: AlarmChange, at: string, who: Actor = SYSTEM, detail: AuditDetail = { note: null }): Alarm {
    const { alarm } = change;
    const auditId = ledger.commit(alarm, { from: change.from, action: change.action, actor: who.actor, actorId: who.actorId, at, ...detail });
    alarms.put(alarm);
    if (alarm.shelved_until === null) shelving.disarm(alarm.alarm_id);
    else if (change.action === 'shelve') shelving.arm(alarm.alarm_id, Date.parse(alarm.shelved_until));
    const escalations = change.action === 'escalate' ? escalation.record(alarm.alarm_id, Date.parse(at)) : 0;
    escalation.follow(alarm);
    const data: Alarm | AlarmEscalated = change.action === 'escalate' ? { ...alarm, escalations } : alarm;
    const send = () => {
      try {
        publisher.publish('alerts', change.event, data, { id: `${alarm.alarm_id}:${auditId}`, ts: at });
      } catch (err) {
        // The change is committed; a failed broadcast is repaired by the next snapshot.
        logger.error({ err, alarm_id: alarm.alarm_id, event: change.event }, 'alarm event not published');
      }
    };
    if (deferred) deferred.push(send);
    else {
      refreshGauges();
      send();
    }
    logger.debug({ alarm_id: alarm.alarm_id, action: change.action, state: alarm.state }, 'alarm change');
    return alarm;
  }

  function refreshGauges(): void {
    for (const [severity, count] of Object.entries(alarms.countBySeverity())) metrics.alarmsOpen.set({ severity }, count);
    for (const [severity, count] of Object.entries(alarms.countUnackedBySeverity())) metrics.alarmsUnacked.set({ severity }, count);
  }

  function unshelveDue(alarmId: string): void {
    const current = alarms.get(alarmId);
    const change = current && unshelveAlarm(current);
    if (change) guarded(() => apply(change, iso(now())), 'unshelve failed');
  }

  function escalateDue(alarmId: string): void {
    const current = alarms.get(alarmId);
    const change = current && escalateAlarm(current);
    if (change) guarded(() => apply(change, iso(now()), SYSTEM, { note: null, escalations: escalation.count(alarmId) + 1 }), 'escalation failed');
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

  function batch<T>(work: () => T): T {
    if (deferred) return work();
    deferred = [];
    let result: T;
    try {
      result = ledger.transaction(work);
    } catch (err) {
      // Rolled back: memory and timers may hold changes that never reached the disk.
      deferred = null;
      load();
      throw err;
    }
    const sends = deferred;
    deferred = null;
    refreshGauges();
    for (const send of sends) send();
    return result;
  }

  /** The alarm this user may act on: one outside the token's locations is as unknown to them as it is invisible. */
  function findFor(alarmId: string, user: Pick<SessionUser, 'locations'>): Alarm | null {
    const found = alarms.get(alarmId) ?? ledger.find(alarmId);
    if (!found) return null;
    if (!seesLocation(user, found.location_id)) return null;
    return found;
  }

  const notFound = (alarmId: string) => ({ ok: false as const, code: 'alarm_not_found' as const, message: `No alarm with id ${alarmId}` });
  const person = (user: SessionUser): Actor => ({ actor: user.name, actorId: user.user_id });

  function ack(alarmId: string, user: SessionUser, note?: string): AlarmActionResult {
    const current = findFor(alarmId, user);
    if (!current) return notFound(alarmId);
    const at = iso(now());
    const result = acknowledgeAlarm(current, user.name, note, at);
    if (isRefusal(result)) return { ok: false, ...result };
    return { ok: true, alarm: apply(result, at, person(user), { note: note ?? null }) };
  }

  function ackMany(alarmIds: string[], user: SessionUser, note?: string): BulkAckResult {
    const out: BulkAckResult = { alarms: [], failed: [] };
    for (const alarmId of new Set(alarmIds)) {
      const result = ack(alarmId, user, note);
      if (result.ok) out.alarms.push(result.alarm);
      else out.failed.push({ alarm_id: alarmId, code: result.code });
    }
    return out;
  }

  function shelve(alarmId: string, user: SessionUser, minutes: number, reason?: string): AlarmActionResult {
    // The hub validates `minutes` (positive, at most a week); a bad value here is a programming error.
    if (!Number.isFinite(minutes) || minutes <= 0) throw new RangeError(`shelve minutes must be positive, got ${minutes}`);
    const current = findFor(alarmId, user);
    if (!current) return notFound(alarmId);
    const atMs = now();
    const until = iso(atMs + minutes * 60_000);
    const result = shelveAlarm(current, until);
    if (isRefusal(result)) return { ok: false, ...result };
    return { ok: true, alarm: apply(result, iso(atMs), person(user), { note: null, reason: reason ?? null, shelvedUntil: until }) };
  }

  function unshelve(alarmId: string, user: SessionUser): AlarmActionResult {
    const current = findFor(alarmId, user);
    if (!current) return notFound(alarmId);
    const change = unshelveAlarm(current, true);
    if (!change) return { ok: false, code: 'invalid_params', message: `Alarm ${alarmId} is not shelved` };
    return { ok: true, alarm: apply(change, iso(now()), person(user)) };
  }

  /** Memory and timers from the ledger: at start, and after a batch rolled back. */
  function load(): void {
    alarms.clear();
    shelving.close();
    escalation.clear();
    for (const [alarmId, e] of ledger.history.escalations()) escalation.restore(alarmId, e.count, e.lastAtMs);
    for (const alarm of ledger.loadOpen()) {
      alarms.put(alarm);
      if (alarm.shelved_until !== null) shelving.arm(alarm.alarm_id, Date.parse(alarm.shelved_until));
      escalation.follow(alarm);
      if (alarm.kind === 'flood' && (alarm.state === 'unacked' || alarm.state === 'acked')) floods.markTripped(alarm.source_ref);
    }
    refreshGauges();
  }

  load();
  for (const r of ledger.recentRaises(now() - limits.windowMs)) floods.seed(r.location_id, r.raised_at_ms);
  const floodTimer = setInterval(() => guarded(checkFloodRecovery, 'flood recovery check failed'), opts.floodCheckMs ?? 30_000);
  floodTimer.unref();

  return {
    raise,
    clear,
    batch,
    ack,
    ackMany,
    shelve,
    unshelve,
    list: (query) => ledger.list({ state: query.state, sinceMs: query.since === undefined ? undefined : Date.parse(query.since) }),
    page(filter) {
      const rows = ledger.history.page({ ...filter, limit: filter.limit + 1 });
      const alarmsOnPage = rows.slice(0, filter.limit);
      const last = alarmsOnPage.at(-1);
      const next = rows.length > filter.limit && last ? { raisedAtMs: Date.parse(last.raised_at), alarmId: last.alarm_id } : null;
      return { alarms: alarmsOnPage, next };
    },
    detail(alarmId, user) {
      const alarm = findFor(alarmId, user);
      return alarm ? { alarm, transitions: ledger.history.transitions(alarmId) } : null;
    },
    stats: ({ sinceMs, untilMs, locationIds }) => computeAlarmStats(ledger.history.statsRows(sinceMs, untilMs, locationIds), sinceMs, untilMs),
    open: () => alarms.all().sort(compareForScreen),
    close() {
      clearInterval(floodTimer);
      shelving.close();
      escalation.clear();
      ledger.close();
    },
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
