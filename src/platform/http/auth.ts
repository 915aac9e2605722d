import type { FastifyInstance } from 'fastify';
import type { Actor } from '../auth/actor.js';
import { UnauthenticatedError } from '../errors.js';

/** Resolves a presented token to its user, or undefined when unknown, revoked, expired or inactive. */
export type Authenticate = (token: string) => Promise<Actor | undefined>;

/**
 * `Authorization: Token <token>` (api-contract §0.1). A missing or invalid token on a protected route
 * is a 401 here, before any parsing or validation, so the check order 401 → 404 → 403 → 409 → 400
 * holds (the route wrapper keeps its own check as a second line).
 */
export function registerTokenAuth(app: FastifyInstance, authenticate: Authenticate): void {
  app.addHook('onRequest', async (req) => {
    const header = req.headers.authorization;
    if (!header) {
      // Refuse here, before params, query and body are parsed, so that 401 comes before any 400.
      // Unknown paths (404/405 from the not-found handler) and public routes need no token.
      if (req.is404 || req.routeOptions.config?.public) return;
      throw new UnauthenticatedError();
    }
    const m = /^Token\s+(\S+)\s*$/i.exec(header);
    if (!m?.[1]) {
      if (req.routeOptions.config?.public) return;
      throw new UnauthenticatedError('Invalid token header. Expected "Token <token>".', 'invalid_token');
    }
    const actor = await authenticate(m[1]);
    if (!actor) {
      if (req.routeOptions.config?.public) return;
      throw new UnauthenticatedError('Invalid token.', 'invalid_token');
    }
    req.actor = actor;
  });
}
