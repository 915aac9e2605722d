import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/** Debian's Chromium: the browser the UI tests drive (never `playwright install`, design/stack.md 21). */
export const CHROMIUM = '/usr/bin/chromium';

/** The launch flags verified for headless Chromium on the CI machine (design/stack.md gotcha 21). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr || r.stdout}`);
}

/**
 * Installs Debian's `chromium` package when it is missing (`.ci/run` does the same before the
 * tests). Needs root, as apt does; anywhere else the error says what to run.
 */
export function ensureChromium(): void {
  if (fs.existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`${CHROMIUM} is missing: run "apt-get update && apt-get install -y chromium" as root.`);
  }
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', 'chromium']);
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`apt-get installed chromium but ${CHROMIUM} is still missing`);
}
