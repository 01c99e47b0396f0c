'use client';

import { useSyncExternalStore } from 'react';
import { formatClock } from './format-age';

const unchanging = () => () => {};

/**
 * A moment as a clock in the viewer's time zone. A page the server rendered with data draws it empty: the
 * server does not know the browser's time zone, and hydration must find the server's text. It shows in the
 * render right after hydration; every later render has it at once.
 */
export function ClockText({ ms }: { ms: number }) {
  const inBrowser = useSyncExternalStore(unchanging, () => true, () => false);
  return inBrowser ? formatClock(ms) : null;
}
