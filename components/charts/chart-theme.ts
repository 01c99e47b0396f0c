import type { CSSProperties } from 'react';
import { formatClock } from '@/components/ui/format';

/**
 * The dashboard's look for recharts, as module constants: recharts memoizes on prop identity, so a
 * style or formatter made inline would be a new input on every render.
 */

/** Axis labels: small, in the subtle text colour. */
export const AXIS_TICK = { fill: 'var(--color-fg-subtle)', fontSize: 11 } as const;
/** Horizontal grid lines. */
export const GRID_STROKE = 'var(--color-line)';
/** The hover cursor: a vertical line in the strong line colour. */
export const CURSOR = { stroke: 'var(--color-line-strong)' } as const;

/** The tooltip box: raised panel, strong border, small numerals. */
export const TOOLTIP_CONTENT: CSSProperties = {
  background: 'var(--color-raised)',
  border: '1px solid var(--color-line-strong)',
  borderRadius: 4,
  padding: '4px 8px',
  fontSize: 12,
  fontVariantNumeric: 'tabular-nums',
};
export const TOOLTIP_LABEL: CSSProperties = { color: 'var(--color-fg-muted)' };
export const TOOLTIP_ITEM: CSSProperties = { padding: 0 };
/** The tooltip sits beside the pointer without animating after it. */
export const TOOLTIP_WRAPPER: CSSProperties = { zIndex: 10, pointerEvents: 'none' };

/** A tooltip's title for a point on a time axis: its clock time. */
export const clockLabel = (t: unknown) => (typeof t === 'number' ? formatClock(t) : '');
