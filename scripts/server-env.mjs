// What the server's process is started with, unless the environment already says otherwise: `npm start`,
// the e2e suite and the benchmarks all start `server.ts` with these.

/**
 * glibc reads its malloc settings once, at the process's start, so they are set by whoever starts it.
 * `MALLOC_MMAP_THRESHOLD_` keeps buffers of 128 KiB and more (the history's 256 KiB tail chunks, large
 * frame batches) in mappings of their own that go back to the system when freed. Left to itself, glibc
 * raises the threshold as such buffers are freed, later ones come from its main heap, and the process's
 * memory steps up as that heap fragments (docs/deploy.md). Other C libraries ignore it.
 */
export const SERVER_PROCESS_DEFAULTS = Object.freeze({ MALLOC_MMAP_THRESHOLD_: '131072' });

/** `env` with the server process's defaults under it: a value `env` sets wins. */
export function serverProcessEnv(env) {
  return { ...SERVER_PROCESS_DEFAULTS, ...env };
}
