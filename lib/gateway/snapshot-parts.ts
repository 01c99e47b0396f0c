import type { Channel } from '../protocol';

/**
 * Encodes a snapshot as frames of at most `maxBytes` each. One frame when it fits, with no part fields;
 * otherwise every frame carries `part` (1-based) and `parts`. An item is never split: one larger than
 * the limit goes alone in its frame.
 */
export function encodeSnapshotParts(subscriptionId: string, channel: Channel, seq: number, items: readonly unknown[], maxBytes: number): string[] {
  const head = `{"type":"snapshot","subscription_id":${JSON.stringify(subscriptionId)},"channel":${JSON.stringify(channel)},"seq":${seq}`;
  const encoded = items.map((item) => JSON.stringify(item));
  const whole = encoded.reduce((sum, text) => sum + Buffer.byteLength(text) + 1, head.length + 12);
  if (whole <= maxBytes) return [`${head},"data":[${encoded.join(',')}]}`];

  // Room for the head, `"part":NNNNN,"parts":NNNNN,"data":[` and the closing `]}`.
  const budget = maxBytes - head.length - 48;
  const groups: string[][] = [];
  let group: string[] = [];
  let size = 0;
  for (const text of encoded) {
    const bytes = Buffer.byteLength(text) + 1;
    if (group.length > 0 && size + bytes > budget) {
      groups.push(group);
      group = [];
      size = 0;
    }
    group.push(text);
    size += bytes;
  }
  if (group.length > 0) groups.push(group);
  return groups.map((g, i) => `${head},"part":${i + 1},"parts":${groups.length},"data":[${g.join(',')}]}`);
}
