// A real `orderly serve` process (API and workers) for the benchmark, on the bench's database.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { freePort } from '../src/platform/db/embedded.js';

/** A running `orderly serve` child. */
export interface ServeProcess {
  pid: number;
  /** Base URL, e.g. http://127.0.0.1:41234 */
  base: string;
  /** SIGTERM (ordered shutdown), SIGKILL of its group after 20 s. */
  stop(): Promise<void>;
}

/**
 * Starts `node bin/orderly.js serve` (workers included) on `databaseUrl` with its own data folder,
 * and waits for /readyz and the ready banner.
 */
export async function startServe(databaseUrl: string, dataDir: string): Promise<ServeProcess> {
  const port = await freePort();
  // The node flags of `npm start` (its heap cap), so the bench measures the shipped configuration;
  // BENCH_SERVE_NODE_ARGS adds more, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" (where CPU goes).
  const nodeArgs = [...startFlags(), ...(process.env.BENCH_SERVE_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const child: ChildProcess = spawn('node', [...nodeArgs, 'bin/orderly.js', 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      ORDERLY_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      ORDERLY_WORKER_ID: `bench-serve-${process.pid}`,
      LOG_LEVEL: 'warn',
    },
    // Its own process group, so a stuck shutdown can be ended with everything it started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // BENCH_SERVE_LOG=<file>: the server's whole log (warnings and errors), e.g. to see a 500's cause.
  const logFile = process.env.BENCH_SERVE_LOG;
  if (logFile) {
    const log = fs.createWriteStream(logFile);
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  }
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`orderly serve exited early:\n${out}`);
    const ok = await fetch(`${base}/readyz`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok && out.includes(' ready at ')) break;
    if (Date.now() > deadline) {
      process.kill(-child.pid!, 'SIGKILL');
      throw new Error(`orderly serve not ready after 180 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    pid: child.pid!,
    base,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }, 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The flags between `node` and `bin/orderly.js` in package.json's `start` script. */
function startFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: { start: string } };
  const m = /^node\s+(.*?)\s*bin\/orderly\.js serve$/.exec(pkg.scripts.start);
  if (!m) throw new Error(`package.json start script not understood: ${pkg.scripts.start}`);
  return m[1]!.split(/\s+/).filter(Boolean);
}
