import { hex, objectUrl } from '../../../../platform/http/ids.js';
import type { UserRow } from '../../adapters/pg/user-repository.js';
import type { TokenView } from '../../app/user-tokens.js';
import type { GrantView } from '../pg/grant-repository.js';

/** Waldur `User` representation. */
export function presentUser(base: string, u: UserRow) {
  return {
    url: objectUrl(base, 'users', u.uuid),
    uuid: hex(u.uuid),
    username: u.username,
    full_name: `${u.first_name} ${u.last_name}`.trim(),
    first_name: u.first_name,
    last_name: u.last_name,
    email: u.email,
    organization: u.organization,
    job_title: u.job_title,
    is_staff: u.is_staff,
    is_support: u.is_support,
    is_active: u.is_active,
    token_lifetime: u.token_lifetime,
    date_joined: u.created.toISOString(),
  };
}

/** `UserMe`: the user and the caller's grants. */
export function presentMe(base: string, u: UserRow, grants: GrantView[]) {
  return {
    ...presentUser(base, u),
    permissions: grants.map((g) => ({
      role_name: g.role_name,
      scope_type: g.scope_type,
      scope_uuid: hex(g.scope_uuid),
      scope_name: g.scope_name,
      customer_uuid: g.customer_uuid ? hex(g.customer_uuid) : null,
      expiration_time: g.expiration_time?.toISOString() ?? null,
    })),
  };
}

/** Waldur `UserAuthToken`. */
export function presentToken(u: UserRow, t: TokenView) {
  return {
    token: t.token,
    created: t.created.toISOString(),
    expires_at: t.expires_at?.toISOString() ?? null,
    user_username: u.username,
    user_first_name: u.first_name,
    user_last_name: u.last_name,
    user_is_active: u.is_active,
    user_token_lifetime: u.token_lifetime,
  };
}
