import type { ServerResponse } from 'node:http';
import type { Alarm } from '../protocol';

/** Columns of the CSV export, in the alarm's field order (docs/protocol.md §10.1). */
export const CSV_COLUMNS = [
  'alarm_id', 'kind', 'severity', 'state', 'shelved_until', 'source_ref', 'location_id', 'message',
  'count', 'raised_at', 'acked_at', 'acked_by', 'cleared_at', 'note',
] as const satisfies readonly (keyof Alarm)[];

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled. Text that a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a leading `'`, so an exported note
 * can never execute.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One alarm as a CSV line, CRLF-terminated. */
export function csvRow(alarm: Alarm): string {
  return `${CSV_COLUMNS.map((c) => csvField(alarm[c])).join(',')}\r\n`;
}

/** Writes one chunk, waiting while the socket's buffer is full; false once the client has gone. */
export async function writePaced(res: ServerResponse, chunk: string): Promise<boolean> {
  if (res.destroyed) return false;
  if (res.write(chunk)) return true;
  await new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
  return !res.destroyed;
}
