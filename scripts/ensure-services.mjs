// The scale-out tests run against Redis and PostgreSQL of their own, from Debian's packages: install them
// when missing and we are root, as the e2e suite does for Chromium. Nothing is started here.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const NEEDED = [
  { bin: '/usr/bin/redis-server', pkg: 'redis-server' },
  { bin: '/usr/lib/postgresql/15/bin/initdb', pkg: 'postgresql' },
];
const missing = NEEDED.filter((n) => !existsSync(n.bin)).map((n) => n.pkg);
if (missing.length > 0) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(`Missing for the scale-out tests: ${missing.join(', ')}. Install with:\n  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\nthen run the tests again.`);
    process.exit(1);
  }
  console.log(`Installing Debian's ${missing.join(' and ')} for the scale-out tests…`);
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...missing]]) {
    const run = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (run.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed; install them by hand: apt-get install -y ${missing.join(' ')}`);
      process.exit(1);
    }
  }
}
