import { cx } from '@/components/ui/cx';

/** One headline figure in numerals readable across the room. */
export function KpiTile({ label, value, hint, tone }: { label: string; value: string; hint?: string; tone?: 'live' | 'warn' | 'accent' }) {
  const color = tone === 'live' ? 'text-live' : tone === 'warn' ? 'text-warn' : tone === 'accent' ? 'text-accent' : 'text-fg';
  return (
    <div data-testid="kpi-tile" className="min-w-0 rounded-md border border-line bg-raised/60 px-3 py-1.5">
      <p className="truncate text-xs font-semibold tracking-wider text-fg-muted uppercase">{label}</p>
      <p className={cx('num truncate text-3xl leading-tight font-bold', color)}>{value}</p>
      {hint ? <p className="num truncate text-xs text-fg-subtle">{hint}</p> : null}
    </div>
  );
}
