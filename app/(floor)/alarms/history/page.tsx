import type { Metadata } from 'next';
import { AlarmHistoryView } from '@/components/alarms/history/alarm-history-view';

export const metadata: Metadata = { title: 'Alarm history' };

/** Alarm history and audit; `?alarm=<id>` opens that alarm's timeline. */
export default async function AlarmHistoryPage({ searchParams }: { searchParams: Promise<{ alarm?: string }> }) {
  const { alarm } = await searchParams;
  return <AlarmHistoryView initialAlarm={alarm} />;
}
