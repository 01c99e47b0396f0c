import type Database from 'better-sqlite3';
import type { Alarm, AlarmState, AlarmTransition } from '../../protocol';
import type { AlarmFilter, AlarmHistoryQueries, StatsRows } from './alarm-ledger';

export type { AlarmFilter, PagePosition, StatsRows } from './alarm-ledger';

/** In the field order of docs/protocol.md §10.1, so an alarm read back serializes exactly as it was sent. */
export const ALARM_COLUMNS =
  'alarm_id, kind, severity, state, shelved_until, source_ref, location_id, message, count, raised_at, acked_at, acked_by, cleared_at, note';

/** An audit line as both ledgers store it. */
export type TransitionRow = {
  action: AlarmTransition['action'];
  at: string;
  from_state: AlarmState | null;
  to_state: AlarmState;
  actor: string;
  actor_id: string | null;
  note: string | null;
  reason: string | null;
  count: number | null;
  shelved_until: string | null;
  escalations: number | null;
};

/** An alarm still unacknowledged this long counts as standing in the stats. */
export const STANDING_MS = 24 * 3600_000;

/** An audit line as the contract shows it. */
export function toTransition(r: TransitionRow): AlarmTransition {
  return {
    action: r.action,
    at: r.at,
    from: r.from_state,
    to: r.to_state,
    by: r.actor_id ?? 'system',
    by_name: r.actor,
    note: r.note,
    reason: r.reason,
    count: r.count,
    shelved_until: r.shelved_until,
    escalations: r.escalations,
  };
}

/**
 * Read-only queries over the ledger for the history, detail and stats endpoints. Pages are keyset pages on
 * `(raised_at_ms, alarm_id)`: stable while alarms are raised meanwhile, and as fast on page 1,000 as on page 1.
 */
export class AlarmHistory implements AlarmHistoryQueries {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly selectTransitions: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.selectTransitions = db.prepare(
      `SELECT action, at, from_state, to_state, actor, actor_id, note, reason, count, shelved_until, escalations
       FROM alarm_transitions WHERE alarm_id = ? ORDER BY id`,
    );
  }

  /** One page of alarms, newest raised first; `limit + 1` rows are read so the caller knows whether more follow. */
  page(filter: AlarmFilter): Alarm[] {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: filter.limit };
    const inList = (column: string, name: string, values: readonly string[] | undefined) => {
      if (!values) return;
      where.push(`${column} IN (SELECT value FROM json_each(@${name}))`);
      params[name] = JSON.stringify(values);
    };
    inList('state', 'states', filter.states);
    inList('severity', 'severities', filter.severities);
    inList('kind', 'kinds', filter.kinds);
    inList('location_id', 'locations', filter.locationIds ?? undefined);
    if (filter.sinceMs !== undefined) {
      where.push('raised_at_ms >= @since');
      params.since = filter.sinceMs;
    }
    if (filter.untilMs !== undefined) {
      where.push('raised_at_ms < @until');
      params.until = filter.untilMs;
    }
    if (filter.q) {
      where.push(`(message LIKE @q ESCAPE '\\' OR source_ref LIKE @q ESCAPE '\\' OR acked_by LIKE @q ESCAPE '\\')`);
      params.q = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    if (filter.after) {
      where.push('(raised_at_ms < @afterMs OR (raised_at_ms = @afterMs AND alarm_id < @afterId))');
      params.afterMs = filter.after.raisedAtMs;
      params.afterId = filter.after.alarmId;
    }
    const sql = `SELECT ${ALARM_COLUMNS} FROM alarms ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY raised_at_ms DESC, alarm_id DESC LIMIT @limit`;
    return this.statement(sql).all(params) as Alarm[];
  }

  /** An alarm's audit trail, oldest first. */
  transitions(alarmId: string): AlarmTransition[] {
    return (this.selectTransitions.all(alarmId) as TransitionRow[]).map(toTransition);
  }

  /** How many times each still-open alarm escalated, and when last, to re-arm escalation after a restart. */
  escalations(): Map<string, { count: number; lastAtMs: number }> {
    const rows = this.statement(
      `SELECT t.alarm_id AS alarm_id, COUNT(*) AS count, MAX(t.at) AS last_at FROM alarm_transitions t
       JOIN alarms a ON a.alarm_id = t.alarm_id WHERE t.action = 'escalate' AND a.state <> 'cleared' GROUP BY t.alarm_id`,
    ).all() as { alarm_id: string; count: number; last_at: string }[];
    return new Map(rows.map((r) => [r.alarm_id, { count: r.count, lastAtMs: Date.parse(r.last_at) }]));
  }

  /** The rows behind `GET /api/v1/alarms/stats` for raises in `[sinceMs, untilMs)` at the given locations. */
  statsRows(sinceMs: number, untilMs: number, locationIds: string[] | null): StatsRows {
    const located = locationIds ? 'AND a.location_id IN (SELECT value FROM json_each(@locations))' : '';
    const params = {
      since: sinceMs,
      until: untilMs,
      sinceIso: new Date(sinceMs).toISOString(),
      untilIso: new Date(untilMs).toISOString(),
      standingBefore: untilMs - STANDING_MS,
      ...(locationIds ? { locations: JSON.stringify(locationIds) } : {}),
    };
    const alarms = this.statement(
      `SELECT kind, source_ref, raised_at_ms, acked_at, cleared_at FROM alarms a
       WHERE raised_at_ms >= @since AND raised_at_ms < @until ${located} ORDER BY raised_at_ms`,
    ).all(params) as StatsRows['alarms'];
    const raises = this.statement(
      `SELECT a.kind AS kind, a.source_ref AS source_ref, t.at AS at, a.message AS message, a.location_id AS location_id
       FROM alarm_transitions t JOIN alarms a ON a.alarm_id = t.alarm_id
       WHERE t.action IN ('raise', 'repeat') AND t.at >= @sinceIso AND t.at < @untilIso ${located} ORDER BY t.at`,
    ).all(params) as StatsRows['raises'];
    const acknowledged = this.statement(
      `SELECT COUNT(*) AS n FROM alarm_transitions t JOIN alarms a ON a.alarm_id = t.alarm_id
       WHERE t.action = 'ack' AND t.at >= @sinceIso AND t.at < @untilIso ${located}`,
    ).get(params) as { n: number };
    const standing = this.statement(
      `SELECT COUNT(*) AS n FROM alarms a WHERE raised_at_ms <= @standingBefore
       AND (cleared_at IS NULL OR cleared_at > @untilIso) AND raised_at_ms < @until ${located}`,
    ).get(params) as { n: number };
    return { alarms, raises, acknowledged: acknowledged.n, standing: standing.n };
  }

  private statement(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }
}
