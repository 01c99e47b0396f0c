import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { PAGE_SEED_HEADER, readPageSeedHeader } from '@/lib/runtime/page-seed-header';
import { PAGE_SEED_ELEMENT_ID, isPageSeed } from '@/lib/protocol/page-seed';
import { MonitorStoreProvider } from '@/lib/store/store-provider';
import { earlySocketScript } from '@/lib/store/early-socket';
import { kioskScript } from '@/lib/store/kiosk';
import { tokenHandoffScript } from '@/lib/store/token';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Floor Monitor', template: '%s · Floor Monitor' },
  description: 'Live bets, wins, jackpots, alarms and market liquidity for casino floors and sportsbooks',
  applicationName: 'Floor Monitor',
  manifest: '/manifest.webmanifest',
};

export const viewport: Viewport = { themeColor: '#07090d', colorScheme: 'dark' };

/**
 * The document shell: theme and the dashboard store shared by every route. Rendered per request: each
 * response carries its own script nonce (the Content-Security-Policy allows no other script). The head
 * script takes the token out of the address bar and turns kiosk mode on before the first paint; it
 * sets `data-kiosk` on `<html>`, which is why hydration is told to expect that attribute. It then opens
 * the gateway connection, so the handshake overlaps the scripts' download. A request the server seeded
 * (`lib/server/page-seed.ts`: the floor's home opened with a token) renders with its data, and carries the
 * seed for the browser's store, which is made before hydration and must start from the same data.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const requestHeaders = await headers();
  const nonce = requestHeaders.get('x-nonce') ?? undefined;
  const sent = readPageSeedHeader(requestHeaders.get(PAGE_SEED_HEADER));
  const seed = isPageSeed(sent) ? sent : null;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: tokenHandoffScript() + kioskScript() + earlySocketScript() }} />
        {seed ? <script id={PAGE_SEED_ELEMENT_ID} type="application/json" dangerouslySetInnerHTML={{ __html: jsonInHtml(seed) }} /> : null}
      </head>
      <body className="min-h-dvh bg-room text-fg antialiased">
        <MonitorStoreProvider seed={seed}>{children}</MonitorStoreProvider>
      </body>
    </html>
  );
}

/** JSON inside a `<script>` element: no `<` can close it early. */
function jsonInHtml(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
