import { z } from 'zod';
import { ROLES } from './identity';

/** JWT claims as the gateway accepts them (HS256, `AUTH_SECRET`). */
export const TokenClaimsSchema = z.object({
  sub: z.string().min(1),
  name: z.string().min(1),
  role: z.enum(ROLES),
  exp: z.number(),
  locations: z.array(z.string()).optional(),
});
export type TokenClaims = z.infer<typeof TokenClaimsSchema>;
