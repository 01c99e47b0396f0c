import { cx } from '@/components/ui/cx';

interface KpiTileProps {
  label: string;
  value: string;
  hint?: string;
  tone?: 'live' | 'warn' | 'accent';
  /** The figure is the last known one, not live: it is greyed and struck through with a dashed line, and says so. */
  stale?: boolean;
}

/** One headline figure in numerals readable across the room. */
export function KpiTile({ label, value, hint, tone, stale }: KpiTileProps) {
  const color = stale ? 'text-fg-subtle' : tone === 'live' ? 'text-live' : tone === 'warn' ? 'text-warn' : tone === 'accent' ? 'text-accent' : 'text-fg';
  return (
    <div data-testid="kpi-tile" data-stale={stale ? 'true' : undefined} className={cx('min-w-0 rounded-md border bg-raised/60 px-3 py-1.5', stale ? 'border-dashed border-warn/60' : 'border-line')}>
      <p className="flex items-baseline justify-between gap-2 truncate text-xs font-semibold tracking-wider text-fg-muted uppercase">
        <span className="truncate">{label}</span>
        {stale ? <span className="shrink-0 rounded bg-warn/15 px-1 tracking-normal text-warn normal-case">last known</span> : null}
      </p>
      <p className={cx('num truncate text-3xl leading-tight font-bold', color)}>{value}</p>
      {hint ? <p className="num truncate text-xs text-fg-subtle">{hint}</p> : null}
    </div>
  );
}
