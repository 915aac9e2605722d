// Builds the web UI (web/ → web/dist) when it is missing or older than its sources. Used by
// `npm run build:web`, by `orderly serve` before it listens, and by the browser tests.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The web app's folder. */
export const WEB_DIR = path.join(ROOT, 'web');
/** Where the build goes (served at `/`). */
export const WEB_DIST = path.join(WEB_DIR, 'dist');

/** Files outside web/ that the app bundles: the client types and the domain code it reuses. */
const SHARED_SOURCES = [
  'openapi/client/schema.d.ts',
  'src/modules/orders/domain',
  'src/modules/offerings/domain',
  'src/platform/errors.ts',
  'package-lock.json',
];

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/** True when web/dist exists and is newer than every source it is built from. */
export function webBuildIsFresh(): boolean {
  const index = path.join(WEB_DIST, 'index.html');
  if (!fs.existsSync(index)) return false;
  const sources = [
    path.join(WEB_DIR, 'index.html'),
    path.join(WEB_DIR, 'vite.config.ts'),
    path.join(WEB_DIR, 'src'),
    ...SHARED_SOURCES.map((s) => path.join(ROOT, s)),
  ];
  return fs.statSync(index).mtimeMs >= Math.max(...sources.map(newestMtime));
}

/** Whether the build tool is installed (it is a dev dependency; `npm ci --omit=dev` leaves it out). */
function viteBin(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    return path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  } catch {
    return undefined;
  }
}

function runVite(bin: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'build', '--config', path.join(WEB_DIR, 'vite.config.ts')], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`)),
    );
  });
}

/** A cross-process lock (test files build in parallel): an atomic mkdir, stale after two minutes. */
async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const lock = path.join(
    os.tmpdir(),
    `orderly-web-build-${createHash('sha1').update(ROOT).digest('hex').slice(0, 12)}`,
  );
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) fs.rmSync(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** What {@link ensureWebBuild} did. */
export type WebBuildResult = 'fresh' | 'built' | 'unavailable';

/**
 * Builds web/dist unless it is fresh (or `force`). Without the build tool it leaves things as they
 * are and says so: the API still works, and `/` explains that the UI is not built.
 */
export async function ensureWebBuild(
  opts: { force?: boolean; log?: (line: string) => void } = {},
): Promise<WebBuildResult> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  if (!opts.force && webBuildIsFresh()) return 'fresh';
  const bin = viteBin();
  if (!bin) {
    log('web UI: vite is not installed (dev dependency), so web/dist cannot be built; serving the API only.');
    return 'unavailable';
  }
  return withLock(async () => {
    // Another process may have built it while this one waited for the lock.
    if (!opts.force && webBuildIsFresh()) return 'fresh';
    const t0 = Date.now();
    log('web UI: building web/dist …');
    await runVite(bin);
    log(`web UI: built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return 'built';
  });
}
