import { z } from 'zod';

export { presentEvent } from '../../app/event-view.js';

/** The schema of an event as the API shows it (see `EventView`). */
export const EventOut = z
  .object({
    id: z.number().int().meta({ description: 'Monotonic position in the log (cursor for streams).' }),
    uuid: z.string(),
    event_type: z.string(),
    level: z.enum(['info', 'warning', 'error']),
    message: z.string(),
    created: z.string(),
    actor_username: z.string().nullable(),
    reason: z.string(),
    context: z.record(z.string(), z.unknown()),
    order_uuid: z.string().nullable(),
    resource_uuid: z.string().nullable(),
    project_uuid: z.string().nullable(),
    customer_uuid: z.string().nullable(),
  })
  .meta({ id: 'Event' });
