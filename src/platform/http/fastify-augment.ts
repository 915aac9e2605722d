import type { Actor } from '../../modules/identity/domain/actor.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the token hook when the request carries a valid token. */
    actor?: Actor;
  }
  interface FastifyContextConfig {
    /** Route is reachable without a token. */
    public?: boolean;
  }
}
