import type { ReactNode } from 'react';
import { AppFrame } from '@/components/frame/app-frame';

/** Floor screens: operators, managers and admins. */
export default function FloorLayout({ children }: { children: ReactNode }) {
  return <AppFrame audience="floor">{children}</AppFrame>;
}
