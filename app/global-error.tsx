'use client';

import { useEffect, useState } from 'react';
import { RELOADS_KEY, RETRY_MS, nextReloads, readReloads } from '@/components/frame/load-recovery';

/**
 * The screen shown when an error takes the whole page down, in place of the root layout (so its styles are
 * its own). A wall screen has no one to press Reload: the page asks the server every few seconds whether it
 * is up, and loads itself again once it is (see `load-recovery.ts` for the bound on reloads).
 */
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  const [gaveUp, setGaveUp] = useState(false);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = async () => {
      let up = false;
      try {
        up = (await fetch('/api/health', { cache: 'no-store' })).ok;
      } catch {
        up = false;
      }
      if (stopped) return;
      if (!up) {
        timer = setTimeout(attempt, RETRY_MS);
        return;
      }
      const reloads = nextReloads(readReloads(window.sessionStorage.getItem(RELOADS_KEY)), Date.now());
      if (!reloads) return setGaveUp(true);
      window.sessionStorage.setItem(RELOADS_KEY, JSON.stringify(reloads));
      window.location.reload();
    };
    timer = setTimeout(attempt, RETRY_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);

  return (
    <html lang="en">
      <body style={{ margin: 0, minHeight: '100dvh', display: 'grid', placeItems: 'center', background: '#07090d', color: '#e6edf3', font: '16px/1.5 system-ui, sans-serif' }}>
        <main role="alert" data-testid="load-error" style={{ maxWidth: '34rem', padding: '2rem' }}>
          <h1 style={{ fontSize: '1.5rem', margin: '0 0 0.5rem' }}>Floor Monitor could not finish loading</h1>
          <p style={{ margin: '0 0 1rem', color: '#9aa7b4' }}>
            {gaveUp
              ? 'The page failed again after loading anew. Reload it, or tell support if this screen stays.'
              : 'The server did not answer while the page was loading. It loads again by itself as soon as the server is back.'}
          </p>
          {error.digest ? <p style={{ margin: '0 0 1rem', color: '#6b7785', fontSize: '0.85rem' }}>Reference {error.digest}</p> : null}
          <button type="button" onClick={() => window.location.reload()} style={{ font: 'inherit', padding: '0.4rem 0.9rem', borderRadius: 6, border: '1px solid #3a4654', background: '#131a22', color: 'inherit', cursor: 'pointer' }}>
            Reload now
          </button>
        </main>
      </body>
    </html>
  );
}
