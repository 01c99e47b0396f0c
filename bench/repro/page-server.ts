import { createServer } from 'node:http';
import path from 'node:path';
import { build } from 'esbuild';

/** A repro page served on 127.0.0.1: its base address, and a stop. */
export interface PageServer {
  baseUrl: string;
  close(): void;
}

/**
 * Bundles one page of `bench/repro/` (esbuild, production React, nothing of the dashboard's build) and
 * serves it on a free port of 127.0.0.1 with an HTML document that has only a `#root` to render into.
 */
export async function servePage(file: string): Promise<PageServer> {
  const out = await build({
    entryPoints: [path.join(import.meta.dirname, file)],
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const script = out.outputFiles[0].text;
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/app.js')) return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><meta charset="utf-8"><div id="root"></div><script src="/app.js"></script>');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  return { baseUrl: `http://127.0.0.1:${port}`, close: () => server.close() };
}
