import type { Metadata } from 'next';
import { SportsbookView } from '@/components/markets/sportsbook-view';

export const metadata: Metadata = { title: 'Sportsbook' };

/** Market liquidity for sportsbook staff, managers and admins. */
export default function SportsbookPage() {
  return (
    <>
      <h1 className="sr-only">Sportsbook</h1>
      <SportsbookView />
    </>
  );
}
