import type { Browser } from '@playwright/test';
import { devLogin, ensureBuild, launchChromium } from '../lib/browser';
import { type RunningServer, startGateway } from '../lib/gateway';

/** The gateway (production build) playing the mock floor, headless Chromium, and an operator's token. */
export interface LiveFloor {
  server: RunningServer;
  browser: Browser;
  token: string;
  /** The dashboard's address, signed in as the operator. */
  dashboardUrl: string;
}

/**
 * Runs `work` against the dashboard under the mock stream at `rate` events/s (seed 7, so runs compare),
 * and stops the browser and the gateway after, whatever happens. `env` adds to the gateway's environment.
 */
export async function onLiveFloor<T>(rate: number, work: (floor: LiveFloor) => Promise<T>, env: Record<string, string> = {}): Promise<T> {
  await ensureBuild(console.log);
  const server = await startGateway({ next: true, mock: rate, env: { MOCK_SEED: '7', ...env } });
  const browser = await launchChromium();
  try {
    const token = await devLogin(server.baseUrl, 'Bench Operator', 'operator');
    return await work({ server, browser, token, dashboardUrl: `${server.baseUrl}/?token=${encodeURIComponent(token)}` });
  } finally {
    await browser.close();
    await server.stop();
  }
}
