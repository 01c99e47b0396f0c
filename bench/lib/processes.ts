import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';

/** The repository root: child scripts run from here so tsx finds the tsconfig. */
export const ROOT = path.resolve(import.meta.dirname, '..', '..');

const running = new Set<ChildProcess>();

/** Kills every child still running, synchronously: the last line of defence on exit or a signal. */
function killAll(): void {
  for (const child of running) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  running.clear();
}

let hooked = false;
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(130);
    });
  }
}

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released for the child to take). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface Spawned {
  child: ChildProcess;
  pid: number;
  /** The last lines the child wrote on stderr, for error messages. */
  stderrTail(): string;
  /** SIGTERM to the child's process group, SIGKILL after `graceMs`; resolves once it exited. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts `node --import tsx <script>` as the leader of its own process group, so stopping it also
 * stops anything it started. Every child is killed when this process exits, even on an error.
 */
export function spawnNode(script: string, args: string[], env: Record<string, string | undefined>, options: { quiet?: boolean; ipc?: boolean; nodeArgs?: string[] } = {}): Spawned {
  hookExit();
  const stdout = options.quiet === false ? 'inherit' : 'ignore';
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: options.ipc ? ['ignore', stdout, 'pipe', 'ipc'] : ['ignore', stdout, 'pipe'],
    detached: true,
  });
  running.add(child);
  const tail: string[] = [];
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    tail.push(chunk);
    if (tail.length > 40) tail.shift();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => running.delete(child));
  if (!child.pid) throw new Error(`could not start ${script}`);
  const pid = child.pid;
  return {
    child,
    pid,
    stderrTail: () => tail.join('').slice(-4000),
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // exited meanwhile
        }
      }, graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `url` until it answers 2xx; fails early when the process exits, or after `timeoutMs`. */
export async function waitForHttp(url: string, proc: Spawned, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
      throw new Error(`process exited (${proc.child.exitCode ?? proc.child.signalCode}) before ${url} answered:\n${proc.stderrTail()}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  await proc.stop();
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s:\n${proc.stderrTail()}`);
}

/** Resident set size of a process in bytes, from /proc (Linux); NaN where unavailable. */
export async function rssBytes(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); NaN where unavailable. */
export async function cpuSeconds(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return ticks / 100;
  } catch {
    return NaN;
  }
}

/** The soft limit on open files of a process ('self' for this one), from /proc (Linux); NaN where unavailable. */
export async function openFilesLimit(pid: number | 'self'): Promise<number> {
  try {
    const limits = await readFile(`/proc/${pid}/limits`, 'utf8');
    const m = /^Max open files\s+(\d+|unlimited)/m.exec(limits);
    return !m ? NaN : m[1] === 'unlimited' ? Infinity : Number(m[1]);
  } catch {
    return NaN;
  }
}

/** CPU time the whole machine has spent busy and in all, in clock ticks, from /proc/stat (Linux); null where unavailable. */
async function machineTicks(): Promise<{ busy: number; all: number } | null> {
  try {
    const cpu = (await readFile('/proc/stat', 'utf8')).split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const all = cpu.reduce((a, b) => a + b, 0);
    // idle and iowait are the machine waiting; everything else is work.
    return { busy: all - cpu[3] - (cpu[4] ?? 0), all };
  } catch {
    return null;
  }
}

/**
 * Waits until the machine is quiet: a second in which under `busyShare` of all its CPU time was busy,
 * or `maxMs`. Processes a previous measurement stopped (servers, receivers) can still be exiting and
 * freeing their memory and sockets; a figure measured then would carry part of their cost. Returns how
 * busy the last second was.
 */
export async function waitForQuietMachine(busyShare = 0.1, maxMs = 15_000): Promise<number> {
  const until = Date.now() + maxMs;
  let share = 1;
  do {
    const a = await machineTicks();
    await sleep(1000);
    const b = await machineTicks();
    if (!a || !b || b.all === a.all) return 0;
    share = (b.busy - a.busy) / (b.all - a.all);
  } while (share >= busyShare && Date.now() < until);
  return share;
}
