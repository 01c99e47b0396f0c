import type pg from 'pg';
import type { Alarm, AlarmTransition } from '../../protocol';
import type { AlarmFilter, AlarmHistoryQueries, StatsRows } from './alarm-ledger';
import { ALARM_COLUMNS, STANDING_MS, type TransitionRow, toTransition } from './history';

/** Runs one statement on the ledger's connection (the transaction's inside one). */
export type PgQuery = <R extends pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<pg.QueryResult<R>>;


/** Numbered parameters in the order they are added: `$1`, `$2`, … */
function parameters() {
  const values: unknown[] = [];
  return { values, add: (value: unknown) => `$${values.push(value)}` };
}

/**
 * The history, detail and stats queries of `AlarmHistory` (`history.ts`) in PostgreSQL: the same keyset
 * pages on `(raised_at_ms, alarm_id)`, filters and stats rows, answered with promises.
 */
export class PgAlarmHistory implements AlarmHistoryQueries {
  constructor(private readonly query: PgQuery) {}

  /** One page of alarms, newest raised first. */
  async page(filter: AlarmFilter): Promise<Alarm[]> {
    const where: string[] = [];
    const p = parameters();
    const inList = (column: string, values: readonly string[] | undefined | null) => {
      if (values) where.push(`${column} = ANY(${p.add(values)}::text[])`);
    };
    inList('state', filter.states);
    inList('severity', filter.severities);
    inList('kind', filter.kinds);
    inList('location_id', filter.locationIds);
    if (filter.sinceMs !== undefined) where.push(`raised_at_ms >= ${p.add(filter.sinceMs)}`);
    if (filter.untilMs !== undefined) where.push(`raised_at_ms < ${p.add(filter.untilMs)}`);
    if (filter.q) {
      const q = p.add(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(message ILIKE ${q} ESCAPE '\\' OR source_ref ILIKE ${q} ESCAPE '\\' OR acked_by ILIKE ${q} ESCAPE '\\')`);
    }
    if (filter.after) {
      const afterMs = p.add(filter.after.raisedAtMs);
      where.push(`(raised_at_ms < ${afterMs} OR (raised_at_ms = ${afterMs} AND alarm_id < ${p.add(filter.after.alarmId)}))`);
    }
    const sql = `SELECT ${ALARM_COLUMNS} FROM alarms ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY raised_at_ms DESC, alarm_id DESC LIMIT ${p.add(filter.limit)}`;
    return (await this.query<Alarm>(sql, p.values)).rows;
  }

  /** An alarm's audit trail, oldest first. */
  async transitions(alarmId: string): Promise<AlarmTransition[]> {
    const { rows } = await this.query<TransitionRow>(
      `SELECT action, at, from_state, to_state, actor, actor_id, note, reason, count, shelved_until, escalations
       FROM alarm_transitions WHERE alarm_id = $1 ORDER BY id`,
      [alarmId],
    );
    return rows.map(toTransition);
  }

  /** How many times each still-open alarm escalated, and when last. */
  async escalations(): Promise<Map<string, { count: number; lastAtMs: number }>> {
    const { rows } = await this.query<{ alarm_id: string; count: number; last_at: string }>(
      `SELECT t.alarm_id, COUNT(*)::int AS count, MAX(t.at) AS last_at FROM alarm_transitions t
       JOIN alarms a ON a.alarm_id = t.alarm_id WHERE t.action = 'escalate' AND a.state <> 'cleared' GROUP BY t.alarm_id`,
    );
    return new Map(rows.map((r) => [r.alarm_id, { count: r.count, lastAtMs: Date.parse(r.last_at) }]));
  }

  /** The rows behind `GET /api/v1/alarms/stats` for raises in `[sinceMs, untilMs)` at the given locations. */
  async statsRows(sinceMs: number, untilMs: number, locationIds: string[] | null): Promise<StatsRows> {
    const sinceIso = new Date(sinceMs).toISOString();
    const untilIso = new Date(untilMs).toISOString();
    /** One statement with its own numbered parameters, narrowed to the locations when some are given. */
    const run = <R extends pg.QueryResultRow>(make: (add: (value: unknown) => string, located: string) => string) => {
      const p = parameters();
      const located = locationIds ? `AND a.location_id = ANY(${p.add(locationIds)}::text[])` : '';
      return this.query<R>(make(p.add, located), p.values);
    };
    const [alarms, raises, acknowledged, standing] = await Promise.all([
      run<StatsRows['alarms'][number]>(
        (add, located) => `SELECT kind, source_ref, raised_at_ms, acked_at, cleared_at FROM alarms a
         WHERE raised_at_ms >= ${add(sinceMs)} AND raised_at_ms < ${add(untilMs)} ${located} ORDER BY raised_at_ms, alarm_id`,
      ),
      run<StatsRows['raises'][number]>(
        (add, located) => `SELECT a.kind, a.source_ref, t.at, a.message, a.location_id FROM alarm_transitions t
         JOIN alarms a ON a.alarm_id = t.alarm_id
         WHERE t.action IN ('raise', 'repeat') AND t.at >= ${add(sinceIso)} AND t.at < ${add(untilIso)} ${located} ORDER BY t.at, t.id`,
      ),
      run<{ n: number }>(
        (add, located) => `SELECT COUNT(*)::int AS n FROM alarm_transitions t JOIN alarms a ON a.alarm_id = t.alarm_id
         WHERE t.action = 'ack' AND t.at >= ${add(sinceIso)} AND t.at < ${add(untilIso)} ${located}`,
      ),
      run<{ n: number }>(
        (add, located) => `SELECT COUNT(*)::int AS n FROM alarms a WHERE raised_at_ms <= ${add(untilMs - STANDING_MS)}
         AND (cleared_at IS NULL OR cleared_at > ${add(untilIso)}) AND raised_at_ms < ${add(untilMs)} ${located}`,
      ),
    ]);
    return { alarms: alarms.rows, raises: raises.rows, acknowledged: acknowledged.rows[0].n, standing: standing.rows[0].n };
  }
}
