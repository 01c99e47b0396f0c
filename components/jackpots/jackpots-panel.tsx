'use client';

import { useDeferredValue, useMemo } from 'react';
import { Panel } from '@/components/ui/panel';
import { ScrollArea } from '@/components/ui/scroll-area';
import { useMonitor } from '@/lib/store/use-monitor';
import { usePanelState } from '@/lib/store/use-panel-state';
import { PotCard } from './pot-card';

const COLORS = ['#c792ff', '#ffd166', '#5cb8ff', '#3ddc84', '#ff8fab', '#7ee0d6'];

/** Every jackpot pot, ticking up as play feeds it; a dashed marker where a pot was won. */
export function JackpotsPanel({ className }: { className?: string }) {
  // Selected as is and listed here: a list built in the selector would be built and compared on every store update.
  // Deferred, as the wins are: the pots' numerals follow a flush in the frame after the one that paints its bets.
  const byId = useDeferredValue(useMonitor((s) => s.jackpots.instances));
  const pots = useMemo(() => Object.values(byId).flatMap((j) => j.pots.map((p) => ({ j, p }))), [byId]);
  const { state, stale } = usePanelState(['jackpots'], pots.length > 0);

  return (
    <Panel title="Jackpot pots" testId="jackpots-panel" state={state} stale={stale} emptyText="No jackpots running" className={className}>
      <ScrollArea label="Pots" className="grid auto-rows-[minmax(6.9rem,1fr)] grid-cols-[repeat(auto-fill,minmax(11rem,1fr))] gap-2 p-2">
        {pots.map(({ j, p }, i) => (
          <PotCard
            key={`${j.instance_id}:${p.id}`}
            instanceId={j.instance_id}
            potId={p.id}
            jackpotName={j.name}
            currency={j.currency}
            value={p.current_value}
            progressive={p.is_progressive}
            color={COLORS[i % COLORS.length]}
          />
        ))}
      </ScrollArea>
    </Panel>
  );
}
