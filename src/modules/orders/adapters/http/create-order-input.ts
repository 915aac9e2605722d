import type { z } from 'zod';
import { uuidFromHyperlink } from '../../../../platform/http/ids.js';
import type { CreateOrderInput } from '../../app/create-order.js';
import type { CreateOrderBody } from './order-schemas.js';

/**
 * The create body with its hyperlinks resolved to uuids (400 naming the field when one is not a link
 * of the right collection). Order create and preflight both use it, so they read a body the same way.
 */
export function createInputFromBody(b: z.output<typeof CreateOrderBody>): CreateOrderInput {
  return {
    projectUuid: uuidFromHyperlink(b.project, 'projects', 'project'),
    offeringUuid: uuidFromHyperlink(b.offering, 'marketplace-(?:public|provider)-offerings', 'offering'),
    planUuid: b.plan
      ? uuidFromHyperlink(b.plan, 'marketplace-public-offerings/[^/]+/plans', 'plan')
      : undefined,
    attributes: b.attributes,
    limits: b.limits,
    callbackUrl: b.callback_url,
    requestComment: b.request_comment,
    startDate: b.start_date,
  };
}
