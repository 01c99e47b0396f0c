import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
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
 * the gateway connection, so the handshake overlaps the scripts' download.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: tokenHandoffScript() + kioskScript() + earlySocketScript() }} />
      </head>
      <body className="min-h-dvh bg-room text-fg antialiased">
        <MonitorStoreProvider>{children}</MonitorStoreProvider>
      </body>
    </html>
  );
}
