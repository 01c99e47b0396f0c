import type { IncomingMessage } from 'node:http';

/**
 * Whether an upgrade may open `/v1/ws` by its `Origin` (cross-site WebSocket hijacking: a page elsewhere
 * must not ride a signed-in operator's browser). No `Origin` means no browser, so it passes. The page's
 * own origin (the one the request names in `Host`) is always allowed, so configuring other origins
 * (`ALLOWED_ORIGINS`, e.g. a wall screen's host) never locks the dashboard itself out.
 */
export function originAllowed(req: Pick<IncomingMessage, 'headers'>, allowed: readonly string[] | null): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowed?.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
