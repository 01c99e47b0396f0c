import type { HTMLAttributes } from 'react';
import { cx } from './cx';

export type Tone = 'neutral' | 'live' | 'warn' | 'crit' | 'accent' | 'jackpot' | 'win';

const TONES: Record<Tone, string> = {
  neutral: 'bg-raised text-fg-muted border-line-strong',
  live: 'bg-live/12 text-live border-live/40',
  warn: 'bg-warn/12 text-warn border-warn/40',
  crit: 'bg-crit/15 text-crit-fg border-crit/50',
  accent: 'bg-accent/12 text-accent border-accent/40',
  jackpot: 'bg-jackpot/15 text-jackpot border-jackpot/40',
  win: 'bg-win/12 text-win border-win/40',
};

export interface BadgeProps extends HTMLAttributes<HTMLSpanElement> {
  tone?: Tone;
}

/** A short status label. */
export function Badge({ tone = 'neutral', className, ...props }: BadgeProps) {
  return (
    <span
      className={cx('inline-flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs font-semibold tracking-wide uppercase', TONES[tone], className)}
      {...props}
    />
  );
}
