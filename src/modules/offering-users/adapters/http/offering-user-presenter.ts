import { z } from 'zod';
import { hex, objectUrl } from '../../../../platform/http/ids.js';
import type { OfferingUserRecord } from '../pg/offering-user-query.js';

/** `OfferingUser` of Waldur's client (the fields Orderly has). */
export const OfferingUserOut = z
  .object({
    url: z.string(),
    uuid: z.string(),
    user: z.string(),
    offering: z.string(),
    username: z.string().nullable(),
    offering_uuid: z.string(),
    offering_name: z.string(),
    user_uuid: z.string(),
    user_username: z.string(),
    user_full_name: z.string(),
    user_first_name: z.string(),
    user_last_name: z.string(),
    user_email: z.string(),
    user_organization: z.string(),
    user_job_title: z.string(),
    customer_uuid: z.string(),
    customer_name: z.string(),
    is_restricted: z.boolean(),
    state: z.string(),
    service_provider_comment: z.string(),
    service_provider_comment_url: z.string(),
    propagation_date: z.string().nullable(),
    created: z.string(),
    modified: z.string(),
  })
  .meta({ id: 'OfferingUser' });

/** Presents one offering user. */
export function presentOfferingUser(base: string, r: OfferingUserRecord): z.infer<typeof OfferingUserOut> {
  return {
    url: objectUrl(base, 'marketplace-offering-users', r.uuid),
    uuid: hex(r.uuid),
    user: objectUrl(base, 'users', r.user_uuid),
    offering: objectUrl(base, 'marketplace-provider-offerings', r.offering_uuid),
    username: r.username,
    offering_uuid: hex(r.offering_uuid),
    offering_name: r.offering_name,
    user_uuid: hex(r.user_uuid),
    user_username: r.user_username,
    user_full_name: `${r.first_name} ${r.last_name}`.trim(),
    user_first_name: r.first_name,
    user_last_name: r.last_name,
    user_email: r.email,
    user_organization: r.organization,
    user_job_title: r.job_title,
    customer_uuid: hex(r.customer_uuid),
    customer_name: r.customer_name,
    is_restricted: r.is_restricted,
    state: r.state,
    service_provider_comment: r.service_provider_comment,
    service_provider_comment_url: r.service_provider_comment_url,
    propagation_date: r.propagation_date ? r.propagation_date.toISOString() : null,
    created: r.created.toISOString(),
    modified: r.modified.toISOString(),
  };
}
