import { z } from 'zod';

// Response schemas shared by several modules' routes (issue 13: shared HTTP schemas live in the
// platform, so no module imports another's `adapters/http`). The ids are Waldur's component names.

/** One entry of `abilities` (orders spec §17 d): whether an action is allowed now, and why not. */
export const AbilityOut = z
  .object({
    allowed: z.boolean(),
    reason: z.string().optional(),
    message: z.string().optional(),
    warning: z.string().optional(),
  })
  .meta({ id: 'Ability' });

/** `{detail}` of approve/reject/info actions (Waldur `OrderInfoResponse`). */
export const DetailOut = z.object({ detail: z.string() }).meta({ id: 'OrderInfoResponse' });

/** `{status}` of set_backend_id and bookkeeping actions (Waldur `Status`). */
export const StatusOut = z.object({ status: z.string() }).meta({ id: 'Status' });
