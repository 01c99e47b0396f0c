import { describe, expect, it } from 'vitest';
import { SERVER_PROCESS_DEFAULTS, serverProcessEnv } from './server-env.mjs';

describe('the server process environment', () => {
  it("sets glibc's fixed mmap threshold by default", () => {
    expect(serverProcessEnv({ PORT: '3000' })).toEqual({ PORT: '3000', MALLOC_MMAP_THRESHOLD_: '131072' });
  });

  it('lets the environment it is given win', () => {
    expect(serverProcessEnv({ MALLOC_MMAP_THRESHOLD_: '65536' }).MALLOC_MMAP_THRESHOLD_).toBe('65536');
    expect(SERVER_PROCESS_DEFAULTS.MALLOC_MMAP_THRESHOLD_).toBe('131072');
  });
});
