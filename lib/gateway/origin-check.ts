import type { IncomingMessage } from 'node:http';

/**
 * Whether an upgrade may open `/v1/ws` by its `Origin` (cross-site WebSocket hijacking: a page elsewhere
 * must not ride a signed-in operator's browser). No `Origin` means no browser, so it passes. With no
 * list configured, only the origin the request itself names in `Host` is allowed.
 */
export function originAllowed(req: IncomingMessage, allowed: readonly string[] | null): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowed) return allowed.includes(origin);
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
