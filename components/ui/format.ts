const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string, digits: number): Intl.NumberFormat | null {
  const key = `${currency}:${digits}`;
  let format = moneyFormats.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat('en-GB', { style: 'currency', currency: currency || 'EUR', minimumFractionDigits: digits, maximumFractionDigits: digits });
    } catch {
      return null;
    }
    moneyFormats.set(key, format);
  }
  return format;
}

/** An amount with its currency, e.g. "€1,204.50"; whole units when `whole`. Unknown codes fall back to "1,204.50 PTS". */
export function formatMoney(amount: number, currency: string, whole = false): string {
  const digits = whole ? 0 : 2;
  const format = moneyFormat(currency, digits);
  if (format) return format.format(amount);
  return `${amount.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${currency}`;
}

const compactFormat = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** A compact amount for tiles and axes: 12.4K, 1.2M. */
export function formatCompact(amount: number): string {
  return compactFormat.format(amount);
}

/** Wall-clock time of day, 24 h, with seconds (formatted by hand: `toLocaleTimeString` builds a formatter per call). */
export { formatClock } from './format-age';

/** "12 s", "4 min", "2 h" since a moment. */
export function formatSince(ms: number, now: number): string {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** A location id made readable: "loc-high-limit" → "High limit". */
export function locationLabel(id: string | null): string {
  if (!id) return 'Unassigned';
  const words = id.replace(/^loc[-_]/, '').replace(/[-_]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : id;
}
