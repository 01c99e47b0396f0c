import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { Alarm, AlarmKind, AlarmState } from '../../protocol';
import type { Logger } from '../../runtime/logger';
import { type AlarmLedger, type AuditEntry, AlarmConflict, NEW_ALARM, type StoredAlarm } from './alarm-ledger';
import { ALARM_COLUMNS } from './history';
import { toStored } from './ledger';
import { PgAlarmHistory, type PgQuery } from './pg-history';
import { migratePgAlarmSchema } from './pg-migrations';

/** BIGINT columns (epoch ms, audit ids, counts) as numbers: every one of them fits in 2^53. */
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

const STORED = `${ALARM_COLUMNS}, version`;
const INSERT_ALARM = `INSERT INTO alarms (${ALARM_COLUMNS}, raised_at_ms, updated_at_ms, version)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 1)`;
const CHANGED = `severity = $3, state = $4, shelved_until = $5, location_id = $7, message = $8, count = $9,
  acked_at = $11, acked_by = $12, cleared_at = $13, note = $14, updated_at_ms = $16`;
/** The audit line of the alarm the first statement stored, if it stored one: the change and its line are one statement. */
const AUDIT = `INSERT INTO alarm_transitions (alarm_id, from_state, to_state, action, actor, actor_id, at, note, reason, count, shelved_until, escalations)
  SELECT alarm_id, $17::text, $4::text, $18::text, $19::text, $20::text, $21::text, $22::text, $23::text, $9::int, $24::text, $25::int FROM stored
  RETURNING id`;
/** Stores the alarm as given (last write wins). */
const UPSERT = `WITH stored AS (${INSERT_ALARM}
  ON CONFLICT (alarm_id) DO UPDATE SET ${CHANGED}, version = alarms.version + 1
  RETURNING alarm_id) ${AUDIT}`;
/** A raise: nothing when the id exists or the condition already has an active alarm (any unique index). */
const INSERT_NEW = `WITH stored AS (${INSERT_ALARM} ON CONFLICT DO NOTHING RETURNING alarm_id) ${AUDIT}`;
/**
 * A change decided on version $26: nothing once another commit moved the alarm past it. The alarm's fixed
 * fields (kind, source, raise time) are checked too, which also gives every parameter a type.
 */
const UPDATE_AT = `WITH stored AS (UPDATE alarms SET ${CHANGED}, version = version + 1
  WHERE alarm_id = $1 AND version = $26::int AND kind = $2 AND source_ref = $6 AND raised_at = $10 AND raised_at_ms = $15
  RETURNING alarm_id) ${AUDIT}`;

/**
 * One transaction's connection. Work may ask several statements without waiting for each (a batch's
 * commits); a connection runs one at a time, so they are sent one after the other, in the order asked.
 */
class TransactionConnection {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly client: pg.PoolClient) {}

  query<R extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>> {
    const result = this.tail.then(() => this.client.query<R>(sql, params));
    this.tail = result.catch(() => {});
    return result;
  }

  /** Resolves once every statement asked so far has answered. */
  settled(): Promise<unknown> {
    return this.tail;
  }
}

/** Options of `PgAlarmLedger.connect`. */
export interface PgLedgerOptions {
  /** Where to log a connection the pool lost while idle; the pool opens a new one when next needed. */
  logger?: Pick<Logger, 'warn'>;
  /** Most connections this node holds (default 10). */
  maxConnections?: number;
}

/**
 * The `AlarmLedger` in PostgreSQL (`DATABASE_URL`), shared by every gateway node: the same schema, audit
 * and guarantees as the SQLite ledger. Each commit is one statement (the conditional change and its audit
 * line together), durable when it answers; the version check happens in the row's update, so of two nodes
 * committing changes decided on one version, exactly one succeeds. Connections come from a pool that
 * reconnects by itself; a connection lost during a commit rejects that commit, nothing more.
 */
export class PgAlarmLedger implements AlarmLedger {
  /** The transaction's connection while a transaction's work runs, for every call the work makes. */
  private readonly scope = new AsyncLocalStorage<TransactionConnection>();
  /** Read-only queries for history pages, audit trails and stats. */
  readonly history: PgAlarmHistory;

  /** Connects to `url` and brings the alarm schema up to date. */
  static async connect(url: string, options: PgLedgerOptions = {}): Promise<PgAlarmLedger> {
    const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, types });
    // An idle connection that drops (database restart, network) must not take the process down.
    pool.on('error', (err) => options.logger?.warn({ err }, 'PostgreSQL connection lost; reconnecting on next use'));
    try {
      await migratePgAlarmSchema(pool);
    } catch (err) {
      await pool.end();
      throw err;
    }
    return new PgAlarmLedger(pool);
  }

  private constructor(private readonly pool: pg.Pool) {
    this.history = new PgAlarmHistory(this.query);
  }

  private readonly query: PgQuery = (sql, params) => {
    const tx = this.scope.getStore();
    return tx ? tx.query(sql, params) : this.pool.query(sql, params);
  };

  /** Runs `work` in one transaction on one connection: its commits are kept together when it settles, or none is. */
  async transaction<T>(work: () => T | Promise<T>): Promise<T> {
    if (this.scope.getStore()) return work();
    const client = await this.pool.connect();
    let broken: Error | undefined;
    // The pool listens for errors of idle connections only: a connection lost mid-transaction fails the work.
    const lost = (err: Error) => (broken = err);
    client.on('error', lost);
    try {
      await client.query('BEGIN');
      const tx = new TransactionConnection(client);
      const result = await this.scope.run(tx, work);
      await tx.settled();
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch((rollbackFailed: Error) => (broken = rollbackFailed));
      throw err;
    } finally {
      client.off('error', lost);
      // A connection that was lost or could not roll back is dropped rather than handed to the next caller.
      client.release(broken);
    }
  }

  /** Stores an alarm after a change with its audit line, in one statement; with `expected`, only at that version. */
  async commit(alarm: Alarm, entry: AuditEntry, expected?: number): Promise<number> {
    const a = alarm;
    const params: unknown[] = [
      a.alarm_id, a.kind, a.severity, a.state, a.shelved_until, a.source_ref, a.location_id, a.message, a.count,
      a.raised_at, a.acked_at, a.acked_by, a.cleared_at, a.note, Date.parse(a.raised_at), Date.parse(entry.at),
      entry.from, entry.action, entry.actor, entry.actorId, entry.at, entry.note, entry.reason ?? null, entry.shelvedUntil ?? null, entry.escalations ?? null,
    ];
    const sql = expected === undefined ? UPSERT : expected === NEW_ALARM ? INSERT_NEW : UPDATE_AT;
    if (expected !== undefined && expected !== NEW_ALARM) params.push(expected);
    const { rows } = await this.query<{ id: number }>(sql, params);
    if (rows.length === 0) throw new AlarmConflict(alarm.alarm_id, expected ?? NEW_ALARM);
    return rows[0].id;
  }

  async loadOpen(): Promise<Alarm[]> {
    return (await this.query<Alarm>(`SELECT ${ALARM_COLUMNS} FROM alarms WHERE state <> 'cleared'`)).rows;
  }

  async loadOpenStored(): Promise<StoredAlarm[]> {
    return (await this.query<Alarm & { version: number }>(`SELECT ${STORED} FROM alarms WHERE state <> 'cleared'`)).rows.map(toStored);
  }

  async find(alarmId: string): Promise<Alarm | undefined> {
    return (await this.query<Alarm>(`SELECT ${ALARM_COLUMNS} FROM alarms WHERE alarm_id = $1`, [alarmId])).rows[0];
  }

  async findStored(alarmId: string): Promise<StoredAlarm | undefined> {
    const row = (await this.query<Alarm & { version: number }>(`SELECT ${STORED} FROM alarms WHERE alarm_id = $1`, [alarmId])).rows[0];
    return row && toStored(row);
  }

  async findActive(kind: AlarmKind, sourceRef: string): Promise<StoredAlarm | undefined> {
    const row = (
      await this.query<Alarm & { version: number }>(`SELECT ${STORED} FROM alarms WHERE kind = $1 AND source_ref = $2 AND state <> 'cleared'`, [kind, sourceRef])
    ).rows[0];
    return row && toStored(row);
  }

  async list(query: { state?: AlarmState; sinceMs?: number }): Promise<Alarm[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.state) where.push(`state = $${params.push(query.state)}`);
    if (query.sinceMs !== undefined) where.push(`updated_at_ms >= $${params.push(query.sinceMs)}`);
    const sql = `SELECT ${ALARM_COLUMNS} FROM alarms ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY raised_at_ms DESC, alarm_id DESC`;
    return (await this.query<Alarm>(sql, params)).rows;
  }

  async recentRaises(sinceMs: number): Promise<{ location_id: string; raised_at_ms: number }[]> {
    const sql = `SELECT location_id, raised_at_ms FROM alarms WHERE raised_at_ms >= $1 AND kind <> 'flood' AND location_id IS NOT NULL`;
    return (await this.query<{ location_id: string; raised_at_ms: number }>(sql, [sinceMs])).rows;
  }

  /** Closes every connection; commits in flight finish first. */
  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}
