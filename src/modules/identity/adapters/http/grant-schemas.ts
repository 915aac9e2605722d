import { z } from 'zod';
import { UuidInput } from '../../../../platform/http/ids.js';
import { listQuery, multi } from '../../../../platform/http/query.js';

/** `add_user` body (Waldur `UserRoleCreateRequest`). */
export const AddUserBody = z.object({
  role: z.string().min(1).meta({ description: 'Role name, e.g. `CUSTOMER.OWNER`.' }),
  user: UuidInput.meta({ description: 'User uuid (dashed or hex).' }),
  expiration_time: z.iso
    .datetime({ offset: true })
    .nullable()
    .optional()
    .transform((v): Date | null | undefined => (typeof v === 'string' ? new Date(v) : v)),
});

/** `delete_user` body. */
export const DeleteUserBody = z.object({ role: z.string().min(1), user: UuidInput });

/** `add_user` response (Waldur `UserRoleExpirationTime`). */
export const ExpirationOut = z
  .object({ expiration_time: z.string().nullable() })
  .meta({ id: 'UserRoleExpirationTime' });

/** `list_users` query. */
export const ListUsersQuery = listQuery({ role: multi(z.string()), user: UuidInput.optional() });

/** One grant on a scope (Waldur `UserRoleDetails`). */
export const UserRoleDetailsOut = z
  .object({
    uuid: z.string(),
    created: z.string(),
    expiration_time: z.string().nullable(),
    role_name: z.string(),
    role_uuid: z.string(),
    user_uuid: z.string(),
    user_username: z.string(),
    user_full_name: z.string(),
    user_email: z.string(),
  })
  .meta({ id: 'UserRoleDetails' });
