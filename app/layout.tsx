import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { MonitorStoreProvider } from '@/lib/store/store-provider';
import { tokenHandoffScript } from '@/lib/store/token';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Floor Monitor', template: '%s · Floor Monitor' },
  description: 'Live bets, wins, jackpots, alarms and market liquidity for casino floors and sportsbooks',
};

export const viewport: Viewport = { themeColor: '#07090d', colorScheme: 'dark' };

/**
 * The document shell: theme and the dashboard store shared by every route. Rendered per request: each
 * response carries its own script nonce (the Content-Security-Policy allows no other script).
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <html lang="en">
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: tokenHandoffScript() }} />
      </head>
      <body className="min-h-dvh bg-room text-fg antialiased">
        <MonitorStoreProvider>{children}</MonitorStoreProvider>
      </body>
    </html>
  );
}
