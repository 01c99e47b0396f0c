import type { ReactNode } from 'react';
import { AppFrame } from '@/components/frame/app-frame';

/** Sportsbook screens: sportsbook staff, managers and admins. */
export default function SportsbookLayout({ children }: { children: ReactNode }) {
  return <AppFrame audience="sportsbook">{children}</AppFrame>;
}
