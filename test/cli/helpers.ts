import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What one run of the real `orderly` binary gave. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A temp `XDG_CONFIG_HOME`, so `orderly login` writes nowhere real. */
export function tempConfigHome(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'orderly-cli-'));
}

/** Runs `node bin/orderly.js …args` (the real binary) with `XDG_CONFIG_HOME=configHome`. */
export function orderly(
  configHome: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<CliRun> {
  const { ORDERLY_URL: _u, ORDERLY_TOKEN: _t, ...base } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/orderly.js', ...args],
      { env: { ...base, XDG_CONFIG_HOME: configHome, ...env }, timeout: 120_000 },
      (err, stdout, stderr) => {
        const code = err && typeof err.code === 'number' ? err.code : err ? 1 : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
