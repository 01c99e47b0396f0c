import type { Alarm, AlarmKind, AlarmState, AlarmStats, AlarmTransition, Severity } from '@/lib/protocol';

export type { AlarmStats, AlarmTransition };

/** `GET /api/v1/alarms`: newest raised first, one page. */
export interface AlarmPage {
  alarms: Alarm[];
  next_cursor: string | null;
}

/** `GET /api/v1/alarms/{alarm_id}`. */
export interface AlarmDetail {
  alarm: Alarm;
  transitions: AlarmTransition[];
}

/** The history filters, as the API takes them. */
export interface AlarmQuery {
  states?: AlarmState[];
  severity?: Severity;
  kind?: AlarmKind;
  location_id?: string;
  since?: string;
  until?: string;
  q?: string;
  limit?: number;
  cursor?: string;
}

/** The query string of an alarm list request; empty filters are left out. */
export function alarmQueryString(query: AlarmQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (query.states?.length) params.set('state', query.states.join(','));
  for (const key of ['severity', 'kind', 'location_id', 'since', 'until', 'q', 'cursor'] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  if (query.limit) params.set('limit', String(query.limit));
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

/** A refused or failed API call, with the message the API gave. */
export class AlarmsApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function get(token: string, path: string, signal?: AbortSignal, accept = 'application/json'): Promise<Response> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${token}`, accept }, signal, cache: 'no-store' });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { message?: string; error?: string } | null;
    throw new AlarmsApiError(res.status, body?.message ?? body?.error ?? `The alarm API answered ${res.status}`);
  }
  return res;
}

/** One page of the alarm history. */
export async function fetchAlarmPage(token: string, query: AlarmQuery, signal?: AbortSignal): Promise<AlarmPage> {
  const res = await get(token, `/api/v1/alarms?${alarmQueryString(query)}`, signal);
  const body: { alarms?: Alarm[]; next_cursor?: string | null } = await res.json();
  return { alarms: body.alarms ?? [], next_cursor: body.next_cursor ?? null };
}

/** Every alarm matching a query, following `next_cursor` (at most `maxPages` pages). */
export async function fetchAllAlarms(token: string, query: AlarmQuery, signal?: AbortSignal, maxPages = 20): Promise<Alarm[]> {
  const all: Alarm[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const next = await fetchAlarmPage(token, { ...query, limit: 1000, cursor }, signal);
    all.push(...next.alarms);
    if (!next.next_cursor) break;
    cursor = next.next_cursor;
  }
  return all;
}

/** One alarm with its transitions. */
export async function fetchAlarmDetail(token: string, alarmId: string, signal?: AbortSignal): Promise<AlarmDetail> {
  const res = await get(token, `/api/v1/alarms/${encodeURIComponent(alarmId)}`, signal);
  const body: { alarm: Alarm; transitions?: AlarmDetail['transitions'] } = await res.json();
  return { alarm: body.alarm, transitions: body.transitions ?? [] };
}

/** The alarm-load figures for a range. */
export async function fetchAlarmStats(token: string, range: Pick<AlarmQuery, 'since' | 'until' | 'location_id'>, signal?: AbortSignal): Promise<AlarmStats> {
  const res = await get(token, `/api/v1/alarms/stats?${alarmQueryString(range)}`, signal);
  return (await res.json()) as AlarmStats;
}

/** The history as CSV, every page joined, fetched with the bearer token (a plain link could not send it). */
export async function fetchAlarmsCsv(token: string, query: AlarmQuery): Promise<Blob> {
  const res = await get(token, `/api/v1/alarms?${alarmQueryString({ ...query, cursor: undefined, limit: undefined }, { format: 'csv' })}`, undefined, 'text/csv');
  return res.blob();
}
