import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Interpreters a provider's script may use (Waldur's `language` option). */
export const SCRIPT_LANGUAGES = {
  python: ['python3'],
  shell: ['sh'],
  bash: ['bash'],
  node: [process.execPath],
} as const;

/** A script language name. */
export type ScriptLanguage = keyof typeof SCRIPT_LANGUAGES;

/** One run of a provider script. */
export interface ScriptRun {
  language: ScriptLanguage;
  code: string;
  /** Variables from the offering's `environ` plus the order's own (ORDER_UUID, ATTRIBUTES, …). */
  env: Record<string, string>;
  timeoutMs: number;
}

/** What a script run produced. */
export interface ScriptResult {
  exitCode: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** Output kept per stream; a runaway script cannot fill memory or the database. */
const MAX_OUTPUT = 64 * 1024;

/**
 * Runs a script in a fresh temporary folder as a child process in its own process group, with a
 * minimal environment (no secrets of Orderly's own leak in), captured and capped output, and a hard
 * timeout that kills the whole group.
 */
export async function runScript(run: ScriptRun): Promise<ScriptResult> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'orderly-script-'));
  const file = path.join(dir, 'script');
  await fs.writeFile(file, run.code, { mode: 0o700 });
  const [cmd, ...args] = SCRIPT_LANGUAGES[run.language];
  const started = Date.now();
  try {
    return await new Promise<ScriptResult>((resolve, reject) => {
      const child = spawn(cmd!, [...args, file], {
        cwd: dir,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: dir, LANG: 'C.UTF-8', ...run.env },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => {
        if (stdout.length < MAX_OUTPUT) stdout += d.toString('utf8');
      });
      child.stderr.on('data', (d: Buffer) => {
        if (stderr.length < MAX_OUTPUT) stderr += d.toString('utf8');
      });
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        try {
          process.kill(-(child.pid ?? 0), 'SIGKILL');
        } catch {
          // Already exited.
        }
      }, run.timeoutMs);
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({
          exitCode: code,
          timedOut,
          stdout: stdout.slice(0, MAX_OUTPUT),
          stderr: stderr.slice(0, MAX_OUTPUT),
          durationMs: Date.now() - started,
        });
      });
    });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
