'use client';

import { useDeferredValue, useMemo } from 'react';
import { Badge } from '@/components/ui/badge';
import { Panel } from '@/components/ui/panel';
import { ScrollArea } from '@/components/ui/scroll-area';
import { useMonitor } from '@/lib/store/use-monitor';
import { usePanelState } from '@/lib/store/use-panel-state';
import { WinRow } from './win-row';

/** How many wins the panel draws (more than any screen shows at once); the store keeps more. */
const SHOWN = 30;

/** Recent wins, big wins and jackpot wins called out. Jackpot wins show at every location. */
export function WinsPanel({ className }: { className?: string }) {
  // Deferred: a flush's wins render after the frame that paints its bets, so the feed's own rows are not
  // held back by thirty list items being rewritten; under load every win row changes at each update.
  const rows = useDeferredValue(useMonitor((s) => s.wins.rows));
  const held = useMonitor((s) => s.wins.held.length);
  const locationId = useMonitor((s) => s.ui.locationId);
  const visible = useMemo(
    () => (locationId ? rows.filter((w) => w.kind !== 'round' || w.location_id === locationId) : rows).slice(0, SHOWN),
    [rows, locationId],
  );
  const { state, stale } = usePanelState(['game', 'jackpots'], visible.length > 0);

  return (
    <Panel
      title="Wins"
      testId="wins-panel"
      state={state}
      stale={stale}
      emptyText="No wins yet"
      className={className}
      actions={held > 0 ? <Badge tone="warn">{held} new while paused</Badge> : null}
    >
      <ScrollArea>
        <ul aria-label="Recent wins">
        {/* By position: under load every row is new at each update, and the same list items take the new wins. */}
        {visible.map((w, i) => (
          <WinRow key={i} win={w} />
        ))}
        </ul>
      </ScrollArea>
    </Panel>
  );
}
