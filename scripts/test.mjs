#!/usr/bin/env node
// Runs the whole suite with Vitest and ends with the one-line summary CI reads: "N passed, N failed".
// Two phases: everything in parallel, then the process tests (which spawn `npm start` and measure
// start-up times) one file at a time, so they are not competing with the rest of the suite for the
// machine's two cores.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const extra = process.argv.slice(2);
fs.mkdirSync('.test-results', { recursive: true });

function phase(name, args) {
  const out = `.test-results/vitest-${name}.json`;
  fs.rmSync(out, { force: true });
  const run = spawnSync(
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...args],
    {
      stdio: 'inherit',
    },
  );
  try {
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    // A file that failed to load counts as a failure even though it ran no test.
    const broken = (r.testResults ?? []).filter(
      (f) => f.status === 'failed' && f.assertionResults.length === 0,
    ).length;
    const failed = r.numFailedTests + broken;
    return { passed: r.numPassedTests, failed: failed > 0 || run.status === 0 ? failed : 1 };
  } catch {
    return { passed: 0, failed: 1 };
  }
}

const results =
  extra.length > 0
    ? [phase('selected', extra)]
    : [
        phase('main', ['--exclude', 'test/process/**']),
        phase('process', ['test/process', '--maxWorkers=1', '--no-file-parallelism']),
      ];
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
