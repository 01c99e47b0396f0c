import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELS, CHANNEL_NAMES, RESTRICTED_EVENTS } from './channels';
import { CLIENT_FRAME_SCHEMAS } from './client-frames';
import { CLOSE_CODES, ERROR_CODES, HTTP_ERROR_CODES } from './errors';

/*
 * docs/protocol.md is the integrators' reference; its tables must say what the code does. Each table
 * is found by its header row, so a reworded paragraph never breaks this, but a channel, error code,
 * close code or variable added on one side only does.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const DOC = read('docs/protocol.md');

/** The rows (as trimmed cells) of the doc's table whose header row has exactly these columns. */
function table(...columns: string[]): string[][] {
  const lines = DOC.split('\n');
  const start = lines.indexOf(`| ${columns.join(' | ')} |`);
  if (start < 0) throw new Error(`docs/protocol.md has no table with the columns: ${columns.join(', ')}`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split('|').map((cell) => cell.trim()));
  }
  return rows;
}

/** The `backticked` names of a cell. */
const names = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
const sorted = (values: Iterable<string>) => [...values].sort();

/** Every non-test TypeScript source under a folder, as text. */
function sources(folder: string): string[] {
  const entries = readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' });
  return entries.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => read(path.join(folder, f)));
}
/** The first captured group of every match of a pattern in the texts. */
const matches = (texts: string[], pattern: RegExp) =>
  texts.flatMap((text) => [...text.matchAll(pattern)].map((m) => m.slice(1).find((group) => group !== undefined) ?? ''));

describe('docs/protocol.md §4 Channels', () => {
  const rows = new Map(table('channel', 'events', 'filters', 'permission', 'stateful').map((cells) => [names(cells[0])[0], cells]));

  it('lists every channel, and only those', () => {
    expect(sorted(rows.keys())).toEqual(sorted(CHANNEL_NAMES));
  });

  it.each(CHANNEL_NAMES)('gives %s its exact events, filters, permission and statefulness', (channel) => {
    const [, events, filters, permission, stateful] = rows.get(channel) ?? [];
    const def = CHANNELS[channel];
    expect(sorted(names(events ?? ''))).toEqual(sorted(def.events));
    expect(sorted(names(filters ?? ''))).toEqual(sorted(def.filters));
    expect(names(permission ?? '')).toEqual([def.permission]);
    expect(stateful).toBe(def.stateful ? 'yes' : 'no');
  });

  it('lists the restricted events with the roles that receive them', () => {
    const doc = Object.fromEntries(table('event', 'only for roles').map(([event, roles]) => [names(event)[0], sorted(names(roles))]));
    const code = Object.fromEntries(Object.entries(RESTRICTED_EVENTS).map(([event, roles]) => [event, sorted(roles ?? [])]));
    expect(doc).toEqual(code);
  });

  it('describes the payload of every event in §5', () => {
    const payloads = DOC.slice(DOC.indexOf('## 5. '), DOC.indexOf('## 6. '));
    const events = CHANNEL_NAMES.flatMap((c) => [...CHANNELS[c].events]);
    expect(events.filter((event) => !payloads.includes(`\`${event}\``))).toEqual([]);
  });
});

describe('docs/protocol.md §6 Client frames', () => {
  it('lists every frame type a client may send', () => {
    expect(sorted(table('frame', 'fields', 'answer').map(([frame]) => names(frame)[0]))).toEqual(sorted(Object.keys(CLIENT_FRAME_SCHEMAS)));
  });
});

describe('docs/protocol.md §13 Error codes', () => {
  it('lists exactly the WebSocket error codes', () => {
    expect(sorted(table('code', 'sent when', 'extra fields').map(([code]) => names(code)[0]))).toEqual(sorted(ERROR_CODES));
  });

  it('lists exactly the HTTP error codes', () => {
    expect(sorted(table('error', 'status', 'sent when').map(([code]) => names(code)[0]))).toEqual(sorted(HTTP_ERROR_CODES));
  });

  it('covers every code the gateway and the API send', () => {
    const ws = matches(sources('lib/gateway'), /\bcode: '([a-z_]+)'/g);
    const http = matches([...sources('lib/gateway'), ...sources('lib/http'), read('server.ts')], /\berror: '([a-z_]+)'|"error":"([a-z_]+)"|sendError\([^,]+, [^,]+, '([a-z_]+)'/g);
    const known = new Set<string>([...ERROR_CODES, ...HTTP_ERROR_CODES]);
    expect(http.length).toBeGreaterThan(10);
    expect([...ws, ...http].filter((code) => !known.has(code))).toEqual([]);
  });
});

describe('docs/protocol.md §14 Close codes', () => {
  it('lists exactly the close codes, by number and name', () => {
    const doc = table('code', 'name', 'when').map(([code, name]) => `${code} ${names(name)[0]}`);
    expect(sorted(doc)).toEqual(sorted(Object.entries(CLOSE_CODES).map(([name, code]) => `${code} ${name}`)));
  });

  it('covers every close code the gateway sends', () => {
    const gateway = sources('lib/gateway');
    const numbers = matches(gateway, /\.close\((\d{4})\b/g).map(Number);
    const named = matches(gateway, /CLOSE_CODES\.(\w+)/g);
    const known = new Set<number>(Object.values(CLOSE_CODES));
    expect(named.length).toBeGreaterThan(0);
    expect(numbers.filter((code) => !known.has(code))).toEqual([]);
    expect(named.filter((name) => !Object.hasOwn(CLOSE_CODES, name))).toEqual([]);
  });
});

describe('docs/protocol.md §15 Configuration', () => {
  it('lists exactly the environment variables the server reads', () => {
    const config = read('lib/runtime/config.ts');
    const schema = config.slice(config.indexOf('const EnvSchema = z.object({'), config.indexOf('\n});', config.indexOf('const EnvSchema')));
    const variables = [...matches([schema], /^ {2}([A-Z][A-Z0-9_]*):/gm), ...matches([...sources('lib'), read('server.ts')], /process\.env\.([A-Z][A-Z0-9_]*)/g)];
    const doc = table('variable', 'default', 'meaning').flatMap(([variable]) => names(variable));
    expect(variables.length).toBeGreaterThan(10);
    expect(sorted(new Set(doc))).toEqual(sorted(new Set(variables)));
  });
});
