import { AlarmsSummary } from '@/components/alarms/alarms-summary';
import { BetsPanel } from '@/components/bets/bets-panel';
import { JackpotsPanel } from '@/components/jackpots/jackpots-panel';
import { KpisPanel } from '@/components/kpis/kpis-panel';
import { PresenceSidebar } from '@/components/presence/presence-sidebar';
import { WinsPanel } from '@/components/wins/wins-panel';
import { FloorMap } from './floor-map';

/**
 * The floor at a glance. On large screens everything fits one screen without page scroll
 * (each panel scrolls itself); below that, panels stack with fixed heights.
 */
export function FloorOverview() {
  return (
    <div className="grid grid-cols-1 gap-3 md:grid-cols-2 lg:h-full lg:min-h-0 lg:grid-cols-12 lg:grid-rows-[minmax(16.5rem,34%)_minmax(0,1fr)_minmax(0,1.15fr)]">
      <KpisPanel className="md:col-span-2 lg:col-span-7" />
      <JackpotsPanel className="max-lg:h-80 md:col-span-2 lg:col-span-5" />
      <BetsPanel className="h-[28rem] md:col-span-2 lg:col-span-5 lg:row-span-2 lg:h-auto" />
      <WinsPanel className="max-lg:h-80 lg:col-span-3" />
      <AlarmsSummary className="max-lg:h-72 lg:col-span-4" />
      <FloorMap className="max-lg:h-80 md:col-span-2 lg:col-span-5" />
      <PresenceSidebar className="max-lg:h-56 lg:col-span-2" />
    </div>
  );
}
