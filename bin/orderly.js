#!/usr/bin/env node
// The `orderly` command. It runs the compiled server from dist/ (built from src/ on first use and
// whenever a source is newer), falling back to tsx's loader over src/ if the build is unavailable.
import { ensureServerBuild } from '../scripts/server-build.mjs';

if (process.argv[2] === 'serve') {
  // The web UI is served from web/dist: build it first when it is missing or older than its sources
  // (about a second), so `npm start` on a fresh clone serves the UI. A failed build leaves the API up.
  const { register } = await import('tsx/esm/api');
  const unregister = register();
  const { ensureWebBuild } = await import('../scripts/web-build.ts');
  await ensureWebBuild().catch((err) =>
    process.stderr.write(`web UI build failed: ${err?.message ?? err}\n`),
  );
  await unregister();
}
const entry = ensureServerBuild();
if (entry) {
  await import(entry);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
