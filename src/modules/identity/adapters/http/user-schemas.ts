import { z } from 'zod';
import { UuidInput } from '../../../../platform/http/ids.js';
import { BoolFlag, listQuery } from '../../../../platform/http/query.js';

const name = z.string().max(150);

/** `POST /api/users/` body. */
export const CreateUserBody = z.object({
  username: z
    .string()
    .min(1)
    .max(150)
    .regex(/^[\w.@+-]+$/, 'Letters, digits and @/./+/-/_ only.'),
  email: z.email().max(320),
  first_name: name.optional(),
  last_name: name.optional(),
  organization: z.string().max(255).optional(),
  job_title: z.string().max(120).optional(),
  is_staff: z.boolean().optional(),
  is_support: z.boolean().optional(),
  is_active: z.boolean().optional(),
  token_lifetime: z.number().int().positive().nullable().optional(),
  agree_with_policy: z
    .boolean()
    .optional()
    .meta({ description: 'Accepted for Waldur compatibility; ignored.' }),
});

/** `PATCH /api/users/{uuid}/` body. */
export const UpdateUserBody = CreateUserBody.partial();

/** A role grant of the caller, as listed on `/api/users/me/`. */
export const UserPermission = z.object({
  role_name: z.string(),
  scope_type: z.enum(['customer', 'project', 'offering', 'resource']),
  scope_uuid: z.string(),
  scope_name: z.string(),
  customer_uuid: z.string().nullable(),
  expiration_time: z.string().nullable(),
});

/** A user as the API shows it (Waldur `User`). */
export const UserOut = z
  .object({
    url: z.string(),
    uuid: z.string(),
    username: z.string(),
    full_name: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    email: z.string(),
    organization: z.string(),
    job_title: z.string(),
    is_staff: z.boolean(),
    is_support: z.boolean(),
    is_active: z.boolean(),
    token_lifetime: z.number().int().nullable(),
    date_joined: z.string(),
  })
  .meta({ id: 'User' });

/** `/api/users/me/`: the user plus their role grants (what the UI builds navigation from). */
export const UserMeOut = UserOut.extend({ permissions: z.array(UserPermission) }).meta({ id: 'UserMe' });

/** Waldur `UserAuthToken`. */
export const UserAuthTokenOut = z
  .object({
    token: z.string().meta({ description: 'The token in plaintext when just issued; masked otherwise.' }),
    created: z.string(),
    expires_at: z.string().nullable(),
    user_username: z.string(),
    user_first_name: z.string(),
    user_last_name: z.string(),
    user_is_active: z.boolean(),
    user_token_lifetime: z.number().int().nullable(),
  })
  .meta({ id: 'UserAuthToken' });

/** `GET /api/users/` filters. */
export const UserListQuery = listQuery({
  username: z.string().optional(),
  email: z.string().optional(),
  customer_uuid: UuidInput.optional(),
  project_uuid: UuidInput.optional(),
  is_staff: BoolFlag.optional(),
  is_active: BoolFlag.optional(),
});
