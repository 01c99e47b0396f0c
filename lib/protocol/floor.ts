import { z } from 'zod';

/** The floor registry file (`FLOOR_FILE`): locations and their devices. */
export const FloorSchema = z.object({
  locations: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string().min(1),
      devices: z.array(z.object({ id: z.string().min(1), type: z.string().min(1), game_id: z.string().nullable().optional() })),
    }),
  ),
});
export type Floor = z.infer<typeof FloorSchema>;
export type FloorLocation = Floor['locations'][number];
export type FloorDevice = FloorLocation['devices'][number];

/** A device's live state, served as the `system` channel's snapshot. */
export interface DeviceState {
  device_id: string;
  location_id: string | null;
  type: string;
  game_id: string | null;
  online: boolean;
  changed_at: string | null;
}
