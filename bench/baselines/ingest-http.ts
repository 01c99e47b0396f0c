/** P2 baseline: a bare node:http server that reads and JSON.parses each ingest body and answers 204. */
import { createServer } from 'node:http';
import { answerHealth, exitWithParent, readAll } from './feed';

exitWithParent();
createServer(async (req, res) => {
  if (answerHealth(req, res)) return;
  if (req.method !== 'POST' || req.url !== '/api/v1/events') return void res.writeHead(404).end();
  const body = JSON.parse((await readAll(req)).toString('utf8')) as { items?: unknown[] };
  res.writeHead(Array.isArray(body.items) ? 204 : 400).end();
}).listen(Number(process.env.PORT), '127.0.0.1');
