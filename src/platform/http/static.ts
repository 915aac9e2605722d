import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from './problem.js';

/** Paths the single-page app never owns: the API and the probes keep their JSON answers. */
const SERVER_PATHS = /^\/(api|healthz|readyz|metrics)(\/|$)/;

/** A path whose last segment has an extension is a file request: a miss is a 404, never the app. */
const FILE_LIKE = /\/[^/]+\.[A-Za-z0-9]+$/;

/** The request path, decoded, with repeated slashes collapsed; null when the escapes are malformed. */
function decodePath(url: string): string | null {
  try {
    return decodeURIComponent((url.split('?')[0] ?? '/').replace(/\/{2,}/g, '/'));
  } catch {
    return null;
  }
}

/**
 * Serves the built web UI (`web/dist`) at `/` with a single-page-app fallback: any other GET that is
 * not an API path gets `index.html`, so deep links such as `/orders/<uuid>` load the app. Unknown
 * `/api/…` paths are handed to the not-found handler, so they stay 404/405 problems. The root must
 * be absolute (design/stack.md gotcha 19).
 */
export async function registerWebApp(app: FastifyInstance, root: string): Promise<void> {
  const absRoot = path.resolve(root);
  // `serve: false`: only `reply.sendFile` is wanted; our one route decides what each path means.
  await app.register(fastifyStatic, { root: absRoot, serve: false });
  const handler = (req: FastifyRequest, reply: FastifyReply) => {
    const urlPath = decodePath(req.url);
    if (urlPath === null || SERVER_PATHS.test(urlPath)) return reply.callNotFound();
    if (!fs.existsSync(path.join(absRoot, 'index.html'))) {
      return sendProblem(
        req,
        reply,
        404,
        'web_ui_not_built',
        'The web UI is not built: run `npm run build:web`.',
      );
    }
    const file = path.resolve(absRoot, `.${urlPath}`);
    const inside = file.startsWith(`${absRoot}${path.sep}`);
    if (inside && fs.existsSync(file) && fs.statSync(file).isFile()) {
      // Vite puts content hashes in asset names, so those never change; everything else revalidates.
      const hashed = urlPath.startsWith('/assets/');
      reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      return reply.sendFile(path.relative(absRoot, file), { cacheControl: false });
    }
    if (FILE_LIKE.test(urlPath)) return sendProblem(req, reply, 404, 'not_found', 'Not found.');
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  };
  // Public (no token: the browser loads pages without one) and hidden from the OpenAPI document.
  app.route({ method: 'GET', url: '/*', config: { public: true }, schema: { hide: true }, handler });
}
