import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { freePort } from '../../src/platform/db/embedded.js';

/** A spawned Orderly process and its captured output. */
export interface Spawned {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string>;
}

/** Spawns a command in its own process group (so a test can kill -9 the whole tree). */
export function spawnGroup(cmd: string, args: string[], env: Record<string, string>): Spawned {
  const child = spawn(cmd, args, {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, sig) => resolve(code ?? sig ?? -1)),
  );
  return { child, output: () => out, exited };
}

/** `kill -9` of every process in the group (npm, node and the embedded postgres). */
export function killGroup(s: Spawned, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-(s.child.pid ?? 0), signal);
  } catch {
    // Already gone.
  }
}

/**
 * Polls `url` until it answers 200 and the spawned process has printed its ready banner (so an older
 * server still holding the port cannot pass for it); returns the milliseconds it took.
 */
export async function waitReady(url: string, s: Spawned, timeoutMs = 60_000): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (s.child.exitCode !== null) throw new Error(`process exited early:\n${s.output()}`);
    const ok = await fetch(url)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok && s.output().includes(' ready at ')) return Date.now() - t0;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not ready after ${timeoutMs} ms:\n${s.output()}`);
}

/** An empty database (not from the template), so migrations really run; dropped by the returned function. */
export async function emptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `p_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(inject('pgAdminUrl'));
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: inject('pgAdminUrl') });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export { freePort };
