import type { Metadata } from 'next';
import { ShiftReportView } from '@/components/alarms/report/shift-report-view';

export const metadata: Metadata = { title: 'Shift report' };

/** The alarm load of a shift against the ISA-18.2 bounds, and the alarms that raised it most. */
export default function ShiftReportPage() {
  return <ShiftReportView />;
}
