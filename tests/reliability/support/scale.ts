/** `RELIABILITY_SCALE=full` runs the figures; anything else (the default, inside `npm test`) a reduced run of seconds. */
export const FULL = process.env.RELIABILITY_SCALE === 'full';

/** How much each check does, at the two scales. */
export const SCALE = FULL
  ? {
      name: 'full',
      fuzzFrames: 1_000_000,
      fuzzConnections: 200,
      badIngestBodies: 10_000,
      killRestarts: 20,
      snapshotAlarms: 50_000,
      presenceConnections: 20,
      presenceSeconds: 30,
      connections: 5_000,
      lagBatches: 20,
    }
  : {
      name: 'ci',
      fuzzFrames: 10_000,
      fuzzConnections: 40,
      badIngestBodies: 300,
      killRestarts: 2,
      snapshotAlarms: 5_000,
      presenceConnections: 4,
      presenceSeconds: 2,
      connections: 300,
      lagBatches: 3,
    };

/** A test timeout that leaves room for the full scale. */
export const TIMEOUT_MS = FULL ? 540_000 : 60_000;
