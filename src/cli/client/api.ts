import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../../../openapi/client/schema.js';
import { loadClientConfig } from './config.js';
import { CliError, EXIT, exitCodeOf, problemMessage } from './errors.js';

/** The typed client generated from the committed OpenAPI document. */
export type Api = Client<paths>;

/** A client for `url` sending `Authorization: Token …`. */
export function apiFor(url: string, token: string): Api {
  const api = createClient<paths>({ baseUrl: url });
  api.use({
    onRequest({ request }) {
      request.headers.set('Authorization', `Token ${token}`);
      return request;
    },
  });
  return api;
}

/** The client of the logged-in user (or of `ORDERLY_URL`/`ORDERLY_TOKEN`). */
export function api(): Api {
  const c = loadClientConfig();
  return apiFor(c.url, c.token);
}

/** What an openapi-fetch call resolves to. */
interface Result<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The body of a successful call; a failure becomes a {@link CliError} with the mapped exit code. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  let r: Result<T>;
  try {
    r = await call;
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    throw new CliError(`cannot reach the server${cause}`, EXIT.failed);
  }
  if (!r.response.ok)
    throw new CliError(problemMessage(r.response.status, r.error), exitCodeOf(r.response.status));
  return r.data as T;
}
