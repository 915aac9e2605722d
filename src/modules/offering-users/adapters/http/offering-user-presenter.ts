import { z } from 'zod';
import { type Actor, seesEverything } from '../../../../platform/auth/actor.js';
import { hex, objectUrl } from '../../../../platform/http/ids.js';
import { exposedFields, resolveFlags, type UserAttribute } from '../../domain/attribute-config.js';
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
    user_username: z.string().optional(),
    user_full_name: z.string().optional(),
    user_first_name: z.string().optional(),
    user_last_name: z.string().optional(),
    user_email: z.string().optional(),
    user_organization: z.string().optional(),
    user_job_title: z.string().optional(),
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

/** The person's fields each exposable attribute stands for. */
const ATTRIBUTE_FIELDS: Partial<Record<UserAttribute, readonly string[]>> = {
  username: ['user_username'],
  full_name: ['user_full_name', 'user_first_name', 'user_last_name'],
  email: ['user_email'],
  organization: ['user_organization'],
  job_title: ['user_job_title'],
};
const PERSONAL = Object.values(ATTRIBUTE_FIELDS).flat();

/**
 * Presents one offering user. The provider side sees only the person's attributes the offering's
 * user attribute config exposes (by default username, full name and e-mail); staff, support and
 * the person themself see them all.
 */
export function presentOfferingUser(
  base: string,
  r: OfferingUserRecord,
  viewer: Actor,
): z.infer<typeof OfferingUserOut> {
  const out = full(base, r);
  if (seesEverything(viewer) || viewer.id === r.user_id) return out;
  const shown = new Set(
    exposedFields(resolveFlags(r.attribute_flags ?? undefined)).flatMap((a) => ATTRIBUTE_FIELDS[a] ?? []),
  );
  const hidden = PERSONAL.filter((f) => !shown.has(f));
  return Object.fromEntries(Object.entries(out).filter(([k]) => !hidden.includes(k))) as typeof out;
}

function full(base: string, r: OfferingUserRecord): z.infer<typeof OfferingUserOut> {
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
