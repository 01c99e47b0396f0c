/** The deepest nesting of objects and arrays a client frame may have (docs/protocol.md §3.5). */
export const MAX_FRAME_DEPTH = 32;

/**
 * Whether JSON text nests objects/arrays deeper than `max`, found by one scan of the text before it is
 * parsed: a frame nested thousands deep parses, but every later walk over it (validation, stringify)
 * would recurse that deep. Brackets inside strings do not count.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** A request id written near the start of a frame (`"id":"…"` or `"id":123`). */
const LEADING_ID = /"id"\s*:\s*(?:"((?:[^"\\]|\\.){0,200})"|(-?\d{1,15}))[,}\s]/;
const GLANCE_CHARS = 512;

/**
 * The request id of a frame that will not be parsed (over the rate, or nested too deep), found by one
 * bounded look at its first characters, so its error can still echo it; undefined when none is seen.
 */
export function glanceRequestId(text: string): string | number | undefined {
  const match = LEADING_ID.exec(text.length > GLANCE_CHARS ? text.slice(0, GLANCE_CHARS) : text);
  if (!match) return undefined;
  if (match[2] !== undefined) return Number(match[2]);
  try {
    return JSON.parse(`"${match[1]}"`) as string;
  } catch {
    return undefined;
  }
}
