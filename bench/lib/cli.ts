import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Options every figure script takes on its command line. */
export interface FigureOptions {
  /** Tiny sizes, a few seconds: proves the figure runs, its numbers mean nothing. */
  smoke: boolean;
}

export function parseFigureArgs(argv = process.argv.slice(2)): FigureOptions {
  return { smoke: argv.includes('--smoke') };
}

/** Value of `--name=value` or `--name value` on the command line, if given. */
export function argValue(name: string, argv = process.argv.slice(2)): string | undefined {
  const eq = argv.find((a) => a.startsWith(`--${name}=`));
  if (eq) return eq.slice(name.length + 3);
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < argv.length && !argv[i + 1].startsWith('--') ? argv[i + 1] : undefined;
}

/** True when the module at `metaUrl` is the script node was asked to run (not imported by another). */
export function isEntryPoint(metaUrl: string): boolean {
  const entry = process.argv[1];
  return Boolean(entry) && path.resolve(entry) === fileURLToPath(metaUrl);
}

/** Runs a figure as a script: prints, writes its JSON, exits 0 (targets failing is a finding, not a crash). */
export function runAsScript(main: (options: FigureOptions) => Promise<unknown>): void {
  main(parseFigureArgs())
    .then(() => process.exit(0))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
