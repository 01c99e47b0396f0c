import { type Alarm, type SessionUser, seesLocation } from '../../protocol';
import type { Logger } from '../../runtime/logger';
import type { Metrics } from '../../runtime/metrics';
import type { Publisher } from '../types';
import { MAX_TRIES, createAlarmChanges } from './alarm-changes';
import type { AlarmLedger } from './alarm-ledger';
import { FLOOD_LIMITS, FloodDetector, type FloodLimits } from './flood-detector';
import { SqliteAlarmLedger } from './ledger';
import { type Maybe, andThen, isPending, settle } from './maybe';
import { createOperatorActions } from './operator-actions';
import { compareForScreen } from './ordering';
import { computeAlarmStats } from './stats';
import type { AlarmService } from './types';

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

/**
 * The alarm service: the ISA-18.2 lifecycle over a ledger (SQLite in `DATA_DIR`, or PostgreSQL shared by
 * several nodes). Each change is committed before it is returned or published, then mirrored in memory
 * (open alarms, gauges, shelve and escalation timers) and broadcast on `alerts`; changes other nodes
 * broadcast come in through `observe`. On start it reloads the open alarms, re-arms shelving and
 * escalation, and rebuilds the flood windows: at once on SQLite; on a ledger that answers with promises,
 * before any change asked for meanwhile, with `ready` resolving once done.
 */
export function createAlarmService(opts: AlarmServiceOptions): AlarmService {
  return startAlarmService(opts);
}

/** The alarm service on any ledger, once its open alarms are loaded. */
export async function openAlarmService(opts: AlarmServiceOptions): Promise<AlarmService> {
  const service = startAlarmService(opts);
  try {
    await service.ready;
  } catch (err) {
    await service.close();
    throw err;
  }
  return service;
}

function startAlarmService(opts: AlarmServiceOptions): AlarmService {
  const { metrics } = opts;
  const now = opts.now ?? Date.now;
  const limits = opts.floodLimits ?? FLOOD_LIMITS;
  const ledger: AlarmLedger = opts.ledger ?? SqliteAlarmLedger.open(opts.dataDir);
  const floods = new FloodDetector(limits);
  const changes = createAlarmChanges({
    ledger,
    publisher: opts.publisher,
    logger: opts.logger,
    now,
    floods,
    floodLimits: limits,
    escalateMs: (opts.escalateMinutes ?? 5) * 60_000,
    onOpenChanged: refreshGauges,
  });
  const { alarms } = changes;
  const actions = createOperatorActions({ ...changes, ledger, now, maxTries: MAX_TRIES });

  function refreshGauges(): void {
    for (const [severity, count] of Object.entries(alarms.countBySeverity())) metrics.alarmsOpen.set({ severity }, count);
    for (const [severity, count] of Object.entries(alarms.countUnackedBySeverity())) metrics.alarmsUnacked.set({ severity }, count);
  }

  /** An alarm a user may see: one outside the token's locations is as unknown to them as it is invisible. */
  function findFor(alarmId: string, user: Pick<SessionUser, 'locations'>): Maybe<Alarm | undefined> {
    return andThen(alarms.get(alarmId)?.alarm ?? ledger.find(alarmId), (found) => (found && seesLocation(user, found.location_id) ? found : undefined));
  }

  // Loading is the first change in turn: whatever is asked for meanwhile waits for it.
  const loaded = changes.inOrder(() =>
    andThen(changes.load(), () =>
      andThen(ledger.recentRaises(now() - limits.windowMs), (raises) => {
        for (const r of raises) floods.seed(r.location_id, r.raised_at_ms);
      }),
    ),
  );
  if (isPending(loaded)) loaded.catch((err: unknown) => opts.logger.error({ err }, 'open alarms not loaded'));

  const service: AlarmService = {
    ready: Promise.resolve(loaded),
    raise: changes.raise,
    clear: changes.clear,
    batch: changes.batch,
    ...actions,
    list: (query) => settle(() => ledger.list({ state: query.state, sinceMs: query.since === undefined ? undefined : Date.parse(query.since) })),
    page: (filter) =>
      settle(() =>
        andThen(ledger.history.page({ ...filter, limit: filter.limit + 1 }), (rows) => {
          const alarmsOnPage = rows.slice(0, filter.limit);
          const last = alarmsOnPage.at(-1);
          const next = rows.length > filter.limit && last ? { raisedAtMs: Date.parse(last.raised_at), alarmId: last.alarm_id } : null;
          return { alarms: alarmsOnPage, next };
        }),
      ),
    detail: (alarmId, user) =>
      settle(() => andThen(findFor(alarmId, user), (alarm) => (alarm ? andThen(ledger.history.transitions(alarmId), (transitions) => ({ alarm, transitions })) : null))),
    stats: ({ sinceMs, untilMs, locationIds }) =>
      settle(() => andThen(ledger.history.statsRows(sinceMs, untilMs, locationIds), (rows) => computeAlarmStats(rows, sinceMs, untilMs))),
    open: () => alarms.all().sort(compareForScreen),
    observe: changes.observe,
    close() {
      clearInterval(floodTimer);
      changes.close();
      return settle(() => ledger.close());
    },
  };

  const floodTimer = setInterval(changes.checkFloodRecovery, opts.floodCheckMs ?? 30_000);
  floodTimer.unref();
  return service;
}
