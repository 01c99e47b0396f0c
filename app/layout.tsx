import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { MonitorStoreProvider } from '@/lib/store/store-provider';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Floor Monitor', template: '%s · Floor Monitor' },
  description: 'Live bets, wins, jackpots, alarms and market liquidity for casino floors and sportsbooks',
};

export const viewport: Viewport = { themeColor: '#07090d', colorScheme: 'dark' };

/** The document shell: theme and the dashboard store shared by every route. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh bg-room text-fg antialiased">
        <MonitorStoreProvider>{children}</MonitorStoreProvider>
      </body>
    </html>
  );
}
