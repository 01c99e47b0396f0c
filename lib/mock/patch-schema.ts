import { z } from 'zod';

/** Body of `POST /api/mock-stream`: either field may be left out. */
export const MockStreamPatchSchema = z.strictObject({
  running: z.boolean().optional(),
  rate_per_s: z.number().min(0).max(5000).optional(),
});
