import type { Metadata } from 'next';
import { FloorOverview } from '@/components/floor/floor-overview';

export const metadata: Metadata = { title: 'Floor' };

/** Floor overview: live bets, wins, jackpot pots, KPIs, alarms, devices and who is online. */
export default function FloorPage() {
  return (
    <>
      <h1 className="sr-only">Floor</h1>
      <FloorOverview />
    </>
  );
}
