import type { ButtonHTMLAttributes } from 'react';
import { cx } from './cx';

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';
type Size = 'sm' | 'md';

const VARIANTS: Record<Variant, string> = {
  primary: 'bg-accent text-room hover:bg-accent/90 font-semibold',
  secondary: 'bg-raised text-fg border border-line-strong hover:bg-line',
  danger: 'bg-crit text-room hover:bg-crit/90 font-semibold',
  ghost: 'text-fg-muted hover:text-fg hover:bg-raised',
};

const SIZES: Record<Size, string> = {
  sm: 'h-8 px-2.5 text-sm',
  md: 'h-10 px-4 text-base',
};

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  size?: Size;
}

/** The one button of the dashboard; disabled buttons keep their label readable. */
export function Button({ variant = 'secondary', size = 'md', className, type = 'button', ...props }: ButtonProps) {
  return (
    <button
      type={type}
      className={cx(
        'inline-flex items-center justify-center gap-1.5 rounded-md whitespace-nowrap transition-colors',
        'disabled:cursor-not-allowed disabled:opacity-55 disabled:hover:bg-inherit',
        VARIANTS[variant],
        SIZES[size],
        className,
      )}
      {...props}
    />
  );
}
