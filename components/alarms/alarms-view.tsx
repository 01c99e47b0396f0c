import { FloorMap } from '@/components/floor/floor-map';
import { PresenceSidebar } from '@/components/presence/presence-sidebar';
import { AlarmsPanel } from './alarms-panel';

/** The alarms screen: the alarm list to act on, beside the floor it is about. */
export function AlarmsView({ initialSelected }: { initialSelected?: string }) {
  return (
    <div className="grid gap-3 lg:h-full lg:min-h-0 lg:grid-cols-[minmax(0,2fr)_minmax(20rem,1fr)] lg:grid-rows-[minmax(0,1fr)]">
      <AlarmsPanel initialSelected={initialSelected} className="max-lg:h-[70dvh]" />
      <div className="grid min-h-0 gap-3 lg:grid-rows-[minmax(0,2fr)_minmax(0,1fr)]">
        <FloorMap className="max-lg:h-96" />
        <PresenceSidebar className="max-lg:h-56" />
      </div>
    </div>
  );
}
