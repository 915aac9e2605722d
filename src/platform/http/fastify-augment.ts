import type { Actor } from '../auth/actor.js';
import type { Db } from '../db/database.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The database the route pipeline opens each request's transaction on (set by `buildServer`). */
    db: Db;
    /** The database of read routes (read-only sessions, no BEGIN/COMMIT); `db` when none was given. */
    readDb: Db;
  }
  interface FastifyRequest {
    /** Set by the token hook when the request carries a valid token. */
    actor?: Actor;
  }
  interface FastifyContextConfig {
    /** Route is reachable without a token. */
    public?: boolean;
  }
}
