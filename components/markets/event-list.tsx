'use client';

import { cx } from '@/components/ui/cx';
import { Panel, type PanelState } from '@/components/ui/panel';
import type { EventEntry } from './use-market-catalog';

interface EventListProps {
  entries: EventEntry[];
  selectedId: string | null;
  onSelect: (eventId: string) => void;
  state: PanelState;
  stale: boolean;
  className?: string;
}

/** Sport events with liquidity; picking one shows its markets in the ladder. */
export function EventList({ entries, selectedId, onSelect, state, stale, className }: EventListProps) {
  return (
    <Panel title="Sport events" testId="sport-events" state={state} stale={stale} emptyText="No events with liquidity" className={className}>
      <ul className="min-h-0 flex-1 overflow-y-auto" aria-label="Sport events">
        {entries.map(({ event, markets }) => (
          <li key={event.id}>
            <button
              type="button"
              data-testid="sport-event"
              aria-pressed={event.id === selectedId}
              onClick={() => onSelect(event.id)}
              className={cx(
                'w-full border-b border-l-4 border-b-line/60 px-3 py-2 text-left hover:bg-raised',
                event.id === selectedId ? 'border-l-accent bg-raised' : 'border-l-transparent',
              )}
            >
              <span className="block truncate font-semibold">{event.name}</span>
              <span className="block truncate text-xs text-fg-muted">
                {[event.tournament, event.status, `${markets.length} market${markets.length === 1 ? '' : 's'}`].filter(Boolean).join(' · ')}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
