import type { Metadata } from 'next';
import { AlarmsView } from '@/components/alarms/alarms-view';

export const metadata: Metadata = { title: 'Alarms' };

/** Alarms, full page; `?alarm=<id>` opens with that alarm selected (the floor map links here). */
export default async function AlarmsPage({ searchParams }: { searchParams: Promise<{ alarm?: string }> }) {
  const { alarm } = await searchParams;
  return <AlarmsView initialSelected={alarm} />;
}
