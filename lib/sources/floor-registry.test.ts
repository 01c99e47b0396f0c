import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBadInputReporter } from './bad-input';
import { createFloorRegistry, loadFloorFile } from './floor-registry';
import { createSources } from './index';
import { counterValue, fakeDeps } from './test-support/fakes';

const dir = mkdtempSync(path.join(os.tmpdir(), 'floor-registry-'));
function floorFile(content: unknown): string {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}
const FLOOR = { locations: [{ id: 'loc-x', name: 'Bar', devices: [{ id: 'SLOT-1', type: 'slot', game_id: 'GD8' }, { id: 'SLOT-2', type: 'slot', game_id: 'GD9' }, { id: 'SLOT-3', type: 'slot', game_id: 'GD9' }] }] };

describe('floor registry', () => {
  it('loads FLOOR_FILE and uses it over the mock floor', async () => {
    const f = fakeDeps({ FLOOR_FILE: floorFile(FLOOR) });
    const sources = createSources({ ...f.deps, config: f.config, defaultFloor: { locations: [] } });
    await sources.ingest({ items: [{ event: 'gameround', data: { unique_id: 'b1', timestamp: '2025-01-15T12:00:00Z', player_id: 'p', game_id: 'GD8', round_id: 'r', amount: 1, currency: 'EUR', is_win: false } }] });
    expect(f.events[0].data).toMatchObject({ device_id: 'SLOT-1', location_id: 'loc-x' });
  });

  it('names the file and the problem for an invalid floor', () => {
    expect(() => loadFloorFile(floorFile({ locations: [{ id: 'loc', devices: [] }] }))).toThrow(/FLOOR_FILE .*locations\.0\.name/);
    expect(() => loadFloorFile(floorFile('{not json'))).toThrow(/FLOOR_FILE .*cannot read JSON/);
    expect(() => loadFloorFile(path.join(dir, 'missing.json'))).toThrow(/FLOOR_FILE .*missing\.json/);
  });

  it('looks devices up regardless of case and maps a game only when one device runs it', () => {
    const registry = createFloorRegistry(FLOOR);
    expect(registry.canonicalId('slot-1')).toBe('SLOT-1');
    expect(registry.locationOf('Slot-2')).toBe('loc-x');
    expect(registry.locationOf('T-99')).toBeNull();
    expect(registry.deviceForGame('GD8')).toBe('SLOT-1');
    expect(registry.deviceForGame('GD9')).toBeNull();
  });

  it('adds an unknown device to the states when it reports, with no location', () => {
    const registry = createFloorRegistry(null);
    registry.setOnline('T-99', false, '2025-05-11T11:12:03Z');
    expect(registry.states()).toEqual([{ device_id: 'T-99', location_id: null, type: 'unknown', game_id: null, online: false, changed_at: '2025-05-11T11:12:03Z' }]);
  });

  it('remembers at most the bound of unknown devices, forgetting the least recently heard from first', () => {
    const registry = createFloorRegistry(FLOOR, 3);
    for (const id of ['T-1', 'T-2', 'T-3']) registry.setOnline(id, false, '2025-05-11T11:00:00Z');
    registry.setOnline('t-1', true, '2025-05-11T11:01:00Z');
    registry.setOnline('T-4', false, '2025-05-11T11:02:00Z');
    const ids = registry.states().map((s) => s.device_id);
    expect(ids).toEqual(['SLOT-1', 'SLOT-2', 'SLOT-3', 'T-3', 'T-1', 'T-4']);
    expect(registry.states().find((s) => s.device_id === 'T-1')?.online).toBe(true);
  });

  it('keeps the default bound under a flood of unknown terminals', () => {
    const registry = createFloorRegistry(null);
    for (let i = 0; i < 25_000; i++) registry.setOnline(`T-${i}`, false, '2025-05-11T11:00:00Z');
    expect(registry.states()).toHaveLength(10_000);
  });

  it('knows the floor\'s locations and nothing else', () => {
    const registry = createFloorRegistry(FLOOR);
    expect(registry.hasLocation('loc-x')).toBe(true);
    expect(registry.hasLocation('loc-y')).toBe(false);
    expect(registry.hasLocation('constructor')).toBe(false);
  });
});

describe('bad input reporting', () => {
  it('counts every rejection and logs each reason at most once a minute', async () => {
    const f = fakeDeps();
    const lines: string[] = [];
    const logger = { ...f.logger, warn: (_o: unknown, msg: string) => lines.push(msg) } as unknown as typeof f.logger;
    let now = 0;
    const report = createBadInputReporter('exchange', { metrics: f.metrics, logger }, () => now);
    for (let i = 0; i < 5; i++) report('bad_base64', 'payload');
    report('invalid_json', '{');
    now = 61_000;
    report('bad_base64', 'payload');
    expect(lines).toHaveLength(3);
    expect(await counterValue(f.metrics.badInput, { source: 'exchange', reason: 'bad_base64' })).toBe(6);
  });
});
