'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { cx } from '@/components/ui/cx';

const VIEWS = [
  { href: '/alarms', label: 'Console' },
  { href: '/alarms/history', label: 'History & audit' },
  { href: '/alarms/report', label: 'Shift report' },
] as const;

/** The page's one `h1` and the links between the alarm console, its history and the shift report. */
export function AlarmsPageHeader({ title, children }: { title: string; children?: ReactNode }) {
  const pathname = usePathname();
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
      <h1 className="text-xl font-bold tracking-tight">{title}</h1>
      <nav aria-label="Alarm views" className="flex flex-wrap gap-1">
        {VIEWS.map((v) => (
          <Link
            key={v.href}
            href={v.href}
            aria-current={pathname === v.href ? 'page' : undefined}
            className={cx(
              'rounded-md px-2.5 py-1 text-sm font-semibold',
              pathname === v.href ? 'bg-raised text-fg shadow-[inset_0_-2px_0_var(--color-accent)]' : 'text-fg-muted hover:bg-raised hover:text-fg',
            )}
          >
            {v.label}
          </Link>
        ))}
      </nav>
      {children ? <div className="ml-auto flex flex-wrap items-center gap-2">{children}</div> : null}
    </div>
  );
}
