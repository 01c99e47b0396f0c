'use client';

import { type ReactNode, useEffect, useRef, useState } from 'react';
import { cx } from './cx';

/**
 * Items (or a single list's items) that reach below the visible part of `el`. Items are laid out top to
 * bottom (a list, a column, or a grid's rows), so their bottoms never decrease: a binary search finds the
 * first one below the fold in a few measurements, however long a live list grows.
 */
function countBelow(el: HTMLElement): number {
  const only = el.children.length === 1 ? el.children[0] : null;
  const items = only && only.children.length > 0 ? only.children : el.children;
  const fold = el.getBoundingClientRect().top + el.clientHeight + 2;
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid].getBoundingClientRect().bottom > fold) hi = mid;
    else lo = mid + 1;
  }
  return items.length - lo;
}

/**
 * Runs `fn` after the next frame has been laid out and painted (a task queued from the frame's animation
 * callbacks runs after its rendering): positions read then cost no layout of their own, where reading
 * them in an animation callback, before the frame's DOM updates, lays the page out twice a frame.
 */
function afterNextFrame(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(fn, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/**
 * A panel body that scrolls itself and shows that it does: a fade at the bottom edge and an "N more"
 * pill while anything lies below, so a cut-off list never looks complete on a wall screen.
 */
export function ScrollArea({ className, label, children }: { className?: string; label?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [below, setBelow] = useState(0);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // One measurement pending at a time: every change until it runs is in the layout it reads.
    let cancel: (() => void) | null = null;
    const measure = () => {
      if (cancel) return;
      cancel = afterNextFrame(() => {
        cancel = null;
        setBelow(el.scrollHeight - el.scrollTop - el.clientHeight > 2 ? Math.max(1, countBelow(el)) : 0);
      });
    };
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    const resized = new ResizeObserver(measure);
    resized.observe(el);
    const changed = new MutationObserver(measure);
    changed.observe(el, { childList: true, subtree: true });
    return () => {
      cancel?.();
      el.removeEventListener('scroll', measure);
      resized.disconnect();
      changed.disconnect();
    };
  }, []);

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <div ref={ref} data-scroll-area aria-label={label} className={cx('min-h-0 flex-1 overflow-y-auto', className)}>
        {children}
      </div>
      {below > 0 ? (
        <>
          <div className="pointer-events-none absolute inset-x-0 bottom-0 h-10 rounded-b-lg bg-gradient-to-t from-panel to-transparent" aria-hidden />
          <button
            type="button"
            data-testid="scroll-hint"
            onClick={() => ref.current?.scrollBy({ top: ref.current.clientHeight * 0.8, behavior: 'smooth' })}
            className="num absolute right-2 bottom-1.5 rounded-full border border-line-strong bg-raised/95 px-2 py-0.5 text-xs font-semibold text-fg-muted shadow hover:text-fg"
          >
            {below} more ↓
          </button>
        </>
      ) : null}
    </div>
  );
}
