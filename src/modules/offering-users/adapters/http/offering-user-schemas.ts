import { z } from 'zod';
import { UuidInput } from '../../../../platform/http/ids.js';
import { BoolFlag, listQuery, multi } from '../../../../platform/http/query.js';
import { OFFERING_USER_STATES } from '../../domain/offering-user-state.js';

const Moment = z.iso.datetime({ offset: true }).or(z.iso.date());
const ORDERING = ['username', 'created', 'modified'] as const;

/** Query of `GET /api/marketplace-offering-users/` (Waldur's filter names). */
export const OfferingUserListQuery = listQuery({
  offering_uuid: multi(UuidInput),
  offering_slug: multi(z.string().max(150)),
  user_uuid: UuidInput.optional(),
  user_username: z.string().max(150).optional(),
  provider_uuid: UuidInput.optional(),
  state: multi(z.enum(OFFERING_USER_STATES as [string, ...string[]])),
  is_restricted: BoolFlag.optional(),
  created: Moment.optional(),
  created_before: Moment.optional(),
  modified: Moment.optional(),
  modified_before: Moment.optional(),
  query: z.string().max(200).optional(),
  o: multi(z.enum([...ORDERING, ...ORDERING.map((k) => `-${k}`)] as [string, ...string[]])),
});

const Username = z.string().max(100).nullable().optional();

/** `OfferingUserRequest`: the person and the offering by hyperlink or uuid, and an optional username. */
export const OfferingUserCreateBody = z.object({
  user: z.string().max(500).optional(),
  user_uuid: UuidInput.optional(),
  offering: z.string().max(500).optional(),
  offering_uuid: UuidInput.optional(),
  username: Username,
});

/** `PatchedOfferingUserRequest`: only the username changes. */
export const OfferingUserPatchBody = z.object({ username: Username }).loose();

/** `OfferingUserStateTransitionRequest`. */
export const TransitionBody = z.object({
  comment: z.string().max(2000).optional(),
  comment_url: z.union([z.url().max(500), z.literal('')]).optional(),
});
