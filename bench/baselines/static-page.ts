/**
 * P4 baseline: a bare static page served by node:http, the least a browser can show after a
 * navigation. Also serves the P3 baseline page at `/bare` (it must come from a real server on the
 * loopback: Chromium's local-network checks block a page that came from elsewhere from opening a
 * socket to 127.0.0.1).
 */
import { createServer } from 'node:http';
import { BARE_PAGE } from '../lib/page-probe';
import { answerHealth, exitWithParent } from './feed';

exitWithParent();
const PAGE = Buffer.from(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Floor Monitor</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: sans-serif; background: #0b0f14; color: #e6edf3"><h1>Floor Monitor</h1><p>Static page.</p></body></html>`);

createServer((req, res) => {
  if (answerHealth(req, res)) return;
  if (req.url?.startsWith('/bare')) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(BARE_PAGE);
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': PAGE.length, 'cache-control': 'no-store' }).end(PAGE);
}).listen(Number(process.env.PORT), '127.0.0.1');
