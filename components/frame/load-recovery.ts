/**
 * What the page does after an error took it down to the global error screen. The usual cause on a wall
 * screen is the server going away while the page still loads its scripts (a restart in the first second
 * after a load): a script the page needs then fails to load, and nothing on the page can run. The page
 * waits until the server answers again, then loads itself once more. A page whose own code fails after a
 * reload would fail again: reloads are bounded, after which the screen waits for someone to press Reload.
 */

/** How often the page asks whether the server is back, ms. */
export const RETRY_MS = 3000;
/** At most this many automatic reloads within `RELOAD_WINDOW_MS`. */
export const MAX_RELOADS = 3;
export const RELOAD_WINDOW_MS = 10 * 60_000;
/** Where the times of the page's automatic reloads are kept for the tab. */
export const RELOADS_KEY = 'floor-monitor.error-reloads';

/** Parses the kept reload times, dropping any that are not numbers. */
export function readReloads(raw: string | null): number[] {
  try {
    const parsed: unknown = JSON.parse(raw ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((t): t is number => typeof t === 'number' && Number.isFinite(t)) : [];
  } catch {
    return [];
  }
}

/** The reload times still inside the window, with `now` added when another reload is allowed; null when not. */
export function nextReloads(reloads: number[], now: number): number[] | null {
  const recent = reloads.filter((t) => now - t < RELOAD_WINDOW_MS && t <= now);
  return recent.length < MAX_RELOADS ? [...recent, now] : null;
}
