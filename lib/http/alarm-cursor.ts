import type { PagePosition } from '../gateway/alarms';

/**
 * `next_cursor` of `GET /api/v1/alarms`: the last alarm of a page, base64url-encoded. Opaque to clients;
 * a keyset position rather than an offset, so alarms raised while a client pages neither repeat nor vanish.
 */
export function encodeCursor(position: PagePosition): string {
  return Buffer.from(JSON.stringify([position.raisedAtMs, position.alarmId])).toString('base64url');
}

/** The position a cursor names, or null when it is not one `encodeCursor` made. */
export function decodeCursor(cursor: string): PagePosition | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [raisedAtMs, alarmId] = value as unknown[];
    if (!Number.isSafeInteger(raisedAtMs) || typeof alarmId !== 'string' || alarmId.length > 200) return null;
    return { raisedAtMs: raisedAtMs as number, alarmId };
  } catch {
    return null;
  }
}
