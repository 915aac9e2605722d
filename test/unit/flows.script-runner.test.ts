import { describe, expect, it } from 'vitest';
import { runScript } from '../../src/flows/process-order/processors/script-runner.js';

describe('script runner', () => {
  it('runs a shell script with the given environment and captures stdout and stderr', async () => {
    const r = await runScript({
      language: 'shell',
      code: 'echo "name=$RESOURCE_NAME"; echo oops >&2; exit 3',
      env: { RESOURCE_NAME: 'vm-1' },
      timeoutMs: 10_000,
    });
    expect(r).toMatchObject({ exitCode: 3, timedOut: false, stdout: 'name=vm-1\n', stderr: 'oops\n' });
  });

  it('runs python with a minimal environment that does not leak the parent’s variables', async () => {
    process.env.ORDERLY_SECRET_FOR_TEST = 'do-not-leak';
    const r = await runScript({
      language: 'python',
      code: 'import os\nprint(sorted(k for k in os.environ if k.startswith("ORDERLY")))',
      env: {},
      timeoutMs: 10_000,
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim()).toBe('[]');
  });

  it('kills a script that outlives its timeout, with its children', async () => {
    const r = await runScript({ language: 'shell', code: 'sleep 30 & sleep 30', env: {}, timeoutMs: 300 });
    expect(r.timedOut).toBe(true);
    expect(r.durationMs).toBeLessThan(10_000);
  });
});
