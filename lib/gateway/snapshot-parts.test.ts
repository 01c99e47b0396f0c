import { describe, expect, it } from 'vitest';
import { encodeSnapshotParts } from './snapshot-parts';

const alarm = (i: number) => ({ alarm_id: `a-${i}`, message: `Terminal T-${i} offline ${'x'.repeat(200)}` });

describe('encodeSnapshotParts', () => {
  it('sends a small snapshot as one frame without part fields', () => {
    const frames = encodeSnapshotParts('sub-1', 'alerts', 7, [alarm(1), alarm(2)], 1024 * 1024);
    expect(frames).toHaveLength(1);
    expect(JSON.parse(frames[0])).toEqual({ type: 'snapshot', subscription_id: 'sub-1', channel: 'alerts', seq: 7, data: [alarm(1), alarm(2)] });
  });

  it('splits a large snapshot into numbered parts of at most the limit that join back to every item in order', () => {
    const items = Array.from({ length: 20_000 }, (_, i) => alarm(i));
    const frames = encodeSnapshotParts('sub-2', 'alerts', 99, items, 1024 * 1024);
    expect(frames.length).toBeGreaterThan(3);
    const parsed = frames.map((f) => JSON.parse(f));
    for (const [i, frame] of parsed.entries()) {
      expect(Buffer.byteLength(frames[i])).toBeLessThanOrEqual(1024 * 1024);
      expect(frame).toMatchObject({ type: 'snapshot', subscription_id: 'sub-2', channel: 'alerts', seq: 99, part: i + 1, parts: frames.length });
    }
    expect(parsed.flatMap((f) => f.data)).toEqual(items);
  });

  it('counts multi-byte characters in bytes, not characters', () => {
    const items = Array.from({ length: 400 }, (_, i) => ({ id: i, name: '€'.repeat(1000) }));
    const frames = encodeSnapshotParts('sub-3', 'jackpots', 1, items, 64 * 1024);
    for (const f of frames) expect(Buffer.byteLength(f)).toBeLessThanOrEqual(64 * 1024);
    expect(frames.flatMap((f) => JSON.parse(f).data)).toHaveLength(400);
  });
});
