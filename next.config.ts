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
};

export default nextConfig;
