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
      /** Seconds a check may spend sending before it stops and reports how far it got. */
      budgetS: { fuzz: 180, ingest: 45, restarts: 100, snapshot: 120, connections: 60, lag: 60 },
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
      budgetS: { fuzz: 60, ingest: 60, restarts: 60, snapshot: 60, connections: 60, lag: 60 },
    };

/** The moment a check's sending budget runs out. */
export const deadline = (check: keyof typeof SCALE.budgetS) => Date.now() + SCALE.budgetS[check] * 1000;

/** A hook timeout that leaves room for a check's budget plus its start and settling. */
export const TIMEOUT_MS = FULL ? 400_000 : 120_000;
