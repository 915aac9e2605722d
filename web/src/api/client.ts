import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '../../../openapi/client/schema.js';
import { ApiError } from './problem.js';

let token: string | null = null;
// Only a token that once worked ends the session on 401; a mistyped one is just an error at sign-in.
let verified = false;

/** Sets the API token every request sends (`Authorization: Token …`); `verified` once it worked. */
export function setApiToken(next: string | null, isVerified = false): void {
  token = next;
  verified = isVerified;
}

/** Fired when the server refuses the token, so the session can end. */
export const UNAUTHORIZED_EVENT = 'orderly:unauthorized';

const auth: Middleware = {
  onRequest({ request }) {
    if (token) request.headers.set('Authorization', `Token ${token}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401 && token && verified) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
    return response;
  },
};

/** The typed client, generated from the committed OpenAPI document (`npm run gen:client`). */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);

/** What an openapi-fetch call resolves to. */
interface Result<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

async function settle<T>(call: Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call;
  } catch {
    throw ApiError.network();
  }
}

/** The body of a successful call; a problem becomes an {@link ApiError}. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const r = await settle(call);
  if (!r.response.ok || r.data === undefined) throw ApiError.from(r.response, r.error);
  return r.data;
}

/** For calls that answer without a body (204). */
export async function unwrapEmpty<T>(call: Promise<Result<T>>): Promise<void> {
  const r = await settle(call);
  if (!r.response.ok) throw ApiError.from(r.response, r.error);
}

/** One page of a list and the total (`X-Result-Count`). */
export interface Page<T> {
  items: T[];
  count: number;
  /** False when the server stopped counting (`X-Result-Count-Exact: false`): `count` is then a lower bound. */
  exact: boolean;
}

/** A list call with its total count. */
export async function unwrapPage<T>(call: Promise<Result<T[]>>): Promise<Page<T>> {
  const r = await settle(call);
  if (!r.response.ok || r.data === undefined) throw ApiError.from(r.response, r.error);
  const count = Number(r.response.headers.get('X-Result-Count') ?? r.data.length);
  const exact = r.response.headers.get('X-Result-Count-Exact') !== 'false';
  return { items: r.data, count: Number.isFinite(count) ? count : r.data.length, exact };
}
