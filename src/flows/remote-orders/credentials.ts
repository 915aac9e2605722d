/**
 * The `secret_options` of a `Waldur.RemoteOffering` (orders spec §17 g). Staff-only: they are never
 * shown to consumers. Keys:
 *
 * - `api_url` (required): base URL of the remote Waldur-compatible instance, with or without the
 *   trailing `/api/` (Waldur's own option includes it; both forms are accepted);
 * - `token` (required): API token of the remote integration user, sent as `Authorization: Token …`;
 * - `customer_uuid` (required for CREATE orders): the remote organization under which remote
 *   projects are created, one per local project;
 * - `timeout` (optional): seconds one remote call may take (default 30, at most 300).
 *
 * Besides these, `offering.backend_id` is the remote offering uuid and `plan.backend_id` the remote
 * plan uuid.
 */
import { normalizeUuid } from '../../platform/http/ids.js';
import { RemoteConfigError } from './errors.js';

/** What a remote call needs. */
export interface RemoteCredentials {
  /** Base URL without a trailing slash and without `/api`. */
  apiUrl: string;
  token: string;
  /** Dashed remote organization uuid, when configured. */
  customerUuid: string | undefined;
  /** Per-call timeout in milliseconds. */
  timeoutMs: number;
}

const DEFAULT_TIMEOUT_S = 30;
const MAX_TIMEOUT_S = 300;

/** `https://x/api/` and `https://x` name the same instance; paths are appended as `/api/…`. */
export function normalizeApiUrl(raw: string): string {
  return raw
    .trim()
    .replace(/\/+$/, '')
    .replace(/\/api$/, '');
}

/** Reads and checks the credentials of a Remote offering; a missing key is a {@link RemoteConfigError}. */
export function remoteCredentials(secret: Record<string, unknown>): RemoteCredentials {
  const apiUrl = typeof secret.api_url === 'string' ? normalizeApiUrl(secret.api_url) : '';
  if (!/^https?:\/\/[^/]+/.test(apiUrl)) {
    throw new RemoteConfigError('The remote offering has no valid "api_url" in its secret options.');
  }
  const token = typeof secret.token === 'string' ? secret.token.trim() : '';
  if (!token) throw new RemoteConfigError('The remote offering has no "token" in its secret options.');
  const customer =
    typeof secret.customer_uuid === 'string' ? normalizeUuid(secret.customer_uuid.trim()) : undefined;
  const timeout =
    typeof secret.timeout === 'number' && secret.timeout > 0
      ? Math.min(secret.timeout, MAX_TIMEOUT_S)
      : DEFAULT_TIMEOUT_S;
  return { apiUrl, token, customerUuid: customer, timeoutMs: timeout * 1000 };
}
