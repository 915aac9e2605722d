import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { demoSecret } from '../demo/demo-tokens.js';
import { liveDemoTokens } from '../demo/seed.js';
import { addRoute } from '../platform/http/route.js';

/** Whether this server lists the demo users (only when the process seeded demo data). */
export interface DemoOptions {
  /** Folder holding the demo secret the demo tokens are derived from. */
  dataDir: string;
}

const DemoUserOut = z
  .object({
    username: z.string(),
    full_name: z.string(),
    description: z
      .string()
      .meta({ description: 'Who the person is, e.g. "CUSTOMER.OWNER of Aurora Research".' }),
    is_staff: z.boolean(),
    is_support: z.boolean(),
    token: z.string().meta({ description: 'The live demo token (only while it has not been rotated).' }),
  })
  .meta({ id: 'DemoUser' });

/**
 * `GET /api/demo-users/`: the demo accounts and their tokens, for the sign-in page. Public on purpose
 * (the tokens are printed at start-up anyway); an empty list unless demo data is on, and a user
 * whose token was rotated or revoked drops out (its derived token no longer works).
 */
export function demoRoutes(app: FastifyInstance, demo: DemoOptions | undefined): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/demo-users/',
    operationId: 'demo_users_list',
    summary: 'Demo users and their tokens (empty unless demo data is on)',
    tags: ['demo'],
    public: true,
    responses: { 200: z.array(DemoUserOut) },
    run: async (tx) => {
      if (!demo) return { status: 200, body: [] };
      const live = await liveDemoTokens(tx, demoSecret(demo.dataDir));
      return {
        status: 200,
        body: live.map(({ user, token }) => ({
          username: user.username,
          full_name: user.fullName,
          description: user.description,
          is_staff: user.isStaff ?? false,
          is_support: user.isSupport ?? false,
          token,
        })),
      };
    },
  });
}
