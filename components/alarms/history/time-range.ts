/** Ranges offered for history and reports; a shift is 12 hours. */
export const RANGE_PRESETS = [
  { id: 'shift', label: 'This shift (last 12 h)', hours: 12 },
  { id: '1h', label: 'Last hour', hours: 1 },
  { id: '24h', label: 'Last 24 h', hours: 24 },
  { id: '7d', label: 'Last 7 days', hours: 24 * 7 },
  { id: 'custom', label: 'From … to …', hours: null },
] as const;

export type RangePreset = (typeof RANGE_PRESETS)[number]['id'];

/** A chosen range: a preset, or custom `datetime-local` values in the browser's zone. */
export interface TimeRange {
  preset: RangePreset;
  from: string;
  to: string;
}

export const DEFAULT_RANGE: TimeRange = { preset: 'shift', from: '', to: '' };

/** The range as the API's `since`/`until` (ISO, UTC); an open end is left out. */
export function rangeBounds(range: TimeRange, now: number): { since?: string; until?: string } {
  const preset = RANGE_PRESETS.find((p) => p.id === range.preset);
  if (preset?.hours) return { since: new Date(now - preset.hours * 3_600_000).toISOString() };
  const iso = (local: string) => {
    const ms = Date.parse(local);
    return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
  };
  return { since: iso(range.from), until: iso(range.to) };
}

/** A `datetime-local` value for a moment, in the browser's zone. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
