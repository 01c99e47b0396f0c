// The e2e suite's server: a fresh data directory, a production build (made if missing), then `server.ts`.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { serverProcessEnv } from './server-env.mjs';

const root = path.resolve(import.meta.dirname, '..');
rmSync(path.resolve(root, process.env.DATA_DIR ?? './data/e2e'), { recursive: true, force: true });
// E2E_REUSE_BUILD=1 serves the build already made (iterating on specs); otherwise the suite tests what it builds.
if (process.env.E2E_REUSE_BUILD !== '1' || !existsSync(path.join(root, '.next', 'BUILD_ID'))) {
  const build = spawnSync('npx', ['next', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const server = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], { cwd: root, stdio: 'inherit', env: serverProcessEnv({ ...process.env, NODE_ENV: 'production' }) });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
