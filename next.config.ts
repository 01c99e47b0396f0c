import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Dev resources (hot reload among them) are also served to pages opened by address rather than by name.
  allowedDevOrigins: ['127.0.0.1'],
  // The gateway's native and server-only packages never enter the page bundles.
  serverExternalPackages: ['better-sqlite3', 'pino', 'prom-client', 'ws'],
  // Source maps for the page's scripts only when a profile needs them (bench/repro/dashboard-profile.ts).
  productionBrowserSourceMaps: process.env.PROFILE_SOURCE_MAPS === '1',
  // The stylesheet goes in the page's HTML (production builds): the first paint waits for no second request. A
  // wall screen loads the page once and keeps it; the CSS is about 40 KB, 8 KB compressed (docs/PERFORMANCE.md).
  experimental: { inlineCss: true },
};

export default nextConfig;
