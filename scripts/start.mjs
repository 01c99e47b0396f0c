// `npm start`: build the dashboard when no build exists, then serve it in production mode.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { serverProcessEnv } from './server-env.mjs';

const root = path.resolve(import.meta.dirname, '..');
if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) {
  console.log('No production build found: running `next build` first (about a minute)…');
  const build = spawnSync('npx', ['next', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const server = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: serverProcessEnv({ ...process.env, NODE_ENV: 'production' }),
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
