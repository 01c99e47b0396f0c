import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The gateway's native and server-only packages never enter the page bundles.
  serverExternalPackages: ['better-sqlite3', 'pino', 'prom-client', 'ws'],
};

export default nextConfig;
