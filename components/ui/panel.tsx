import type { ReactNode } from 'react';
import { cx } from './cx';
import { DataAge } from './data-age';

/** What a panel can show instead of (or on top of) its data. */
export type PanelState = 'loading' | 'empty' | 'disconnected' | 'error' | 'ready';

export interface PanelProps {
  title: ReactNode;
  testId: string;
  state: PanelState;
  /** The data may be out of date: the connection dropped or went quiet. The panel then says how old it is. */
  stale?: boolean;
  emptyText?: string;
  errorText?: string;
  /** Controls in the title bar (filters, pickers, counts). */
  actions?: ReactNode;
  className?: string;
  bodyClassName?: string;
  children?: ReactNode;
}

function Placeholder({ state, emptyText, errorText }: Pick<PanelProps, 'state' | 'emptyText' | 'errorText'>) {
  if (state === 'loading') {
    return (
      <div className="flex flex-1 flex-col gap-2 p-4" role="status" aria-busy="true" aria-label="Loading">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="h-4 animate-pulse rounded bg-raised" style={{ width: `${90 - i * 15}%` }} />
        ))}
      </div>
    );
  }
  const text =
    state === 'disconnected' ? 'Disconnected — waiting for the gateway to come back' : state === 'error' ? (errorText ?? 'Not available') : (emptyText ?? 'Nothing yet');
  return (
    <div className="flex flex-1 items-center justify-center p-6 text-center text-base text-fg-muted" role="status">
      {text}
    </div>
  );
}

/** A titled dashboard card that shows loading, empty and disconnected states the same way everywhere. */
export function Panel({ title, testId, state, stale, emptyText, errorText, actions, className, bodyClassName, children }: PanelProps) {
  return (
    <section data-testid={testId} data-state={state} className={cx('flex min-h-0 min-w-0 flex-col rounded-lg border border-line bg-panel', className)}>
      <header className="flex min-h-11 flex-wrap items-center justify-between gap-2 border-b border-line px-3 py-1.5">
        <h2 className="text-sm font-semibold tracking-wider text-fg-muted uppercase">{title}</h2>
        {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
      </header>
      {stale && state === 'ready' ? (
        <div data-testid="stale-marker" className="flex flex-wrap gap-x-2 border-b border-warn/40 bg-warn/10 px-3 py-1 text-xs font-semibold text-warn" role="status">
          <span>Not live —</span>
          <DataAge />
        </div>
      ) : null}
      {state === 'ready' ? (
        <div className={cx('flex min-h-0 flex-1 flex-col', stale && 'opacity-70', bodyClassName)}>{children}</div>
      ) : (
        <Placeholder state={state} emptyText={emptyText} errorText={errorText} />
      )}
    </section>
  );
}
