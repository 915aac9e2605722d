import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVISION_STEPS } from '../../src/modules/tenants/domain/steps.js';
import { startTestServer, type TestServer } from '../support/http.js';
import type { Marketplace } from '../support/order-factories.js';
import { killGroup, type Spawned, spawnGroup } from '../support/process.js';
import { TEST_SECRET_KEY } from '../support/tenant-wiring.js';
import { waitFor } from '../workflows/helpers.js';
import {
  caPem,
  consoleGet,
  dashed,
  effectCounts,
  eventsOf,
  makeTenantMarketplace,
  slug,
  startTenant,
  type TenantView,
  waitTenant,
} from './helpers.js';

// Real worker processes (`orderly worker`) are killed with SIGKILL while a step runs; this process
// serves the API and only enqueues. Lock TTL 3 s everywhere, so a dead holder's lock turns stale fast.
const LOCK_TTL_S = 3;
let s: TestServer;
let m: Marketplace;
const running: Spawned[] = [];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderly-crash-'));

beforeAll(async () => {
  s = await startTestServer({ workflows: 'enqueue-only', tenants: { lockTtlMs: LOCK_TTL_S * 1000 } });
  m = await makeTenantMarketplace(s.tdb.db);
});
afterAll(async () => {
  for (const w of running) killGroup(w);
  await Promise.all(running.map((w) => w.exited));
  await s.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Starts `orderly worker` under `id` and waits for its ready banner. */
async function worker(id: string): Promise<Spawned> {
  const w = spawnGroup('node', ['bin/orderly.js', 'worker'], {
    DATABASE_URL: s.tdb.url,
    ORDERLY_WORKER_ID: id,
    ORDERLY_SECRET_KEY: TEST_SECRET_KEY,
    ORDERLY_ENABLE_FAULTS: '1',
    ORDERLY_TENANT_LOCK_TTL: String(LOCK_TTL_S),
    ORDERLY_DATA_DIR: dataDir,
    ORDERLY_DEMO: '0',
  });
  running.push(w);
  await waitFor(
    `worker ${id} to start`,
    async () => {
      if (w.child.exitCode !== null) throw new Error(`worker ${id} exited:\n${w.output()}`);
      return w.output().includes('(worker) ready');
    },
    60_000,
  );
  return w;
}

async function kill9(w: Spawned): Promise<void> {
  killGroup(w);
  await w.exited;
}

async function stopAll(): Promise<void> {
  for (const w of running)
    if (w.child.exitCode === null && w.child.signalCode === null) killGroup(w, 'SIGTERM');
  await Promise.all(running.map((w) => w.exited));
}

async function holdFault(step: string, tenantUuid?: string, times = 1): Promise<string> {
  const r = await s.request<{ uuid: string }>('POST', '/api/provisioning-faults/', {
    token: m.staff.token,
    body: {
      step,
      times,
      message: `drill: hold in ${step}`,
      hold_seconds: 600,
      ...(tenantUuid ? { tenant_uuid: tenantUuid } : {}),
    },
  });
  expect(r.status, r.text).toBe(201);
  return r.body.uuid;
}

/** The running try of each tenant: tenant uuid → step. */
async function holding(): Promise<Map<string, string>> {
  const rows = await s.tdb.db
    .selectFrom('tenant_step_tries as tr')
    .innerJoin('tenant_step_runs as sr', 'sr.id', 'tr.step_run_id')
    .innerJoin('tenant_runs as r', 'r.id', 'sr.run_id')
    .innerJoin('tenants as t', 't.id', 'r.tenant_id')
    .select(['t.uuid', 'sr.step'])
    .where('tr.outcome', '=', 'running')
    .execute();
  return new Map(rows.map((r) => [r.uuid.replace(/-/g, ''), r.step]));
}

const EFFECTS = {
  'reserve_slug_and_slot:slot_reserved': 1,
  'create_storage:role_created': 1,
  'create_storage:schema_created': 1,
  'register_workflow_engine:schedule_registered': 1,
  'issue_certificate:certificate_issued': 1,
  'create_admin_user:admin_user_created': 1,
};

describe('crash safety of the tenant saga with real worker processes', () => {
  it('kill -9 during each of the seven steps, restart: every tenant ends Active and each effect happened once', {
    timeout: 180_000,
  }, async () => {
    // One hold per step; seven tenants. A tenant holds at the first step whose hold is still unclaimed,
    // and a held tenant claims nothing more, so each tenant ends up held in a different step.
    const faults = await Promise.all(PROVISION_STEPS.map((step) => holdFault(step)));
    const first = await worker('drill-1');
    const tenants: TenantView[] = [];
    for (let i = 0; i < PROVISION_STEPS.length; i++)
      tenants.push(await startTenant(s, m, m.owner, slug(`drill${i}`)));
    const held = await waitFor(
      'every step to hold a tenant after its effect',
      async () => {
        const started = await s.tdb.db
          .selectFrom('provisioning_faults')
          .select('id')
          .where('uuid', 'in', faults.map(dashed))
          .where('last_hold_started_at', 'is not', null)
          .execute();
        const now = await holding();
        return started.length === PROVISION_STEPS.length && now.size === PROVISION_STEPS.length
          ? now
          : undefined;
      },
      60_000,
    );
    expect(new Set(held.values())).toEqual(new Set(PROVISION_STEPS));
    await kill9(first);
    const second = await worker('drill-1');
    const ca = await caPem(s);
    for (const t of tenants) {
      const done = await waitTenant(s, m.staff.token, t.uuid, 'Active', 90_000);
      const step = held.get(t.uuid);
      expect(done.attempt_number, `${t.slug} held in ${step}`).toBe(1);
      expect(await effectCounts(s.tdb.db, dashed(t.uuid)), `${t.slug} held in ${step}`).toEqual(EFFECTS);
      const events = await eventsOf(s, m.staff.token, t.uuid);
      expect(events.filter((e) => e.type === 'tenant.provisioning.started')).toHaveLength(1);
      expect(
        events.filter((e) => e.type === 'tenant.provisioning.step_completed').map((e) => e.payload.step),
      ).toEqual([...PROVISION_STEPS]);
      expect(events.filter((e) => e.type === 'tenant.provisioning.succeeded')).toHaveLength(1);
      const runs = await s.request<
        { steps: { step: string; tries_detail: { outcome: string; worker: string }[] }[] }[]
      >('GET', `/api/tenants/${t.uuid}/runs/`, { token: m.staff.token });
      const tries = runs.body[0]?.steps.find((x) => x.step === step)?.tries_detail.map((x) => x.outcome);
      expect(tries, `${t.slug} held in ${step}`).toEqual(['interrupted', 'succeeded']);
      expect((await consoleGet(done.admin_console_url ?? '', ca)).status).toBe(200);
    }
    process.stdout.write(
      `crash drill: ${tenants.length} tenants killed mid-step (${[...held.values()].join(', ')}), all Active after restart\n`,
    );
    killGroup(second, 'SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('two workers: kill -9 the one running a tenant; the other finishes it within 10 s', {
    timeout: 120_000,
  }, async () => {
    const a = await worker('two-a');
    const b = await worker('two-b');
    const t = await startTenant(s, m, m.owner, slug('take'));
    const hold = await holdFault('create_admin_user', t.uuid);
    await waitFor('the hold', async () => (await holding()).get(t.uuid) === 'create_admin_user');
    await waitFor('a hold to start', async () => {
      const f = await s.tdb.db
        .selectFrom('provisioning_faults')
        .select('last_hold_started_at')
        .where('uuid', '=', dashed(hold))
        .executeTakeFirst();
      return f?.last_hold_started_at != null;
    });
    const lock = await s.tdb.db
      .selectFrom('tenant_locks')
      .select('holder')
      .where(
        'tenant_id',
        'in',
        s.tdb.db.selectFrom('tenants').select('id').where('uuid', '=', dashed(t.uuid)),
      )
      .executeTakeFirstOrThrow();
    const victim = lock.holder === 'two-a' ? a : b;
    const survivor = lock.holder === 'two-a' ? 'two-b' : 'two-a';
    await kill9(victim);
    const killedAt = Date.now();
    const done = await waitTenant(s, m.staff.token, t.uuid, 'Active', 30_000);
    const finishedMs = Date.now() - killedAt;
    process.stdout.write(
      `tenant takeover after kill -9 of ${lock.holder}: Active ${finishedMs} ms later on ${survivor}\n`,
    );
    expect(finishedMs).toBeLessThan(10_000);
    expect(done.attempt_number).toBe(1);
    const runs = await s.request<
      { steps: { step: string; tries_detail: { outcome: string; worker: string }[] }[] }[]
    >('GET', `/api/tenants/${t.uuid}/runs/`, { token: m.staff.token });
    const tries = runs.body[0]?.steps.find((x) => x.step === 'create_admin_user')?.tries_detail;
    expect(tries?.map((x) => [x.outcome, x.worker])).toEqual([
      ['interrupted', lock.holder],
      ['succeeded', survivor],
    ]);
    expect(await effectCounts(s.tdb.db, dashed(t.uuid))).toEqual(EFFECTS);
    await stopAll();
  });

  it('Reset clears the stale lock of a dead worker without force', { timeout: 120_000 }, async () => {
    const w = await worker('stale-1');
    const t = await startTenant(s, m, m.owner, slug('stale'));
    await holdFault('register_workflow_engine', t.uuid);
    await waitFor('the hold', async () => (await holding()).get(t.uuid) === 'register_workflow_engine');
    await kill9(w);
    const stale = await waitFor(
      'the lock to turn stale',
      async () => {
        const x = (
          await s.request<TenantView>('GET', `/api/tenants/${t.uuid}/`, { token: m.providerOwner.token })
        ).body;
        return x.lock && !x.lock.fresh ? x : undefined;
      },
      30_000,
    );
    expect(stale.abilities.reset?.allowed).toBe(true);
    const r = await s.request<TenantView>('POST', `/api/tenants/${t.uuid}/reset/`, {
      token: m.providerOwner.token,
      body: { reason: 'worker died' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ state: 'Failed', lock: null });
    const reset = (await eventsOf(s, m.staff.token, t.uuid)).at(-1);
    expect(reset).toMatchObject({
      type: 'tenant.provisioning.reset',
      payload: { forced: false, lock_holder: 'stale-1', step: 'register_workflow_engine' },
    });
    expect(Number(reset?.payload.heartbeat_age_ms)).toBeGreaterThanOrEqual(LOCK_TTL_S * 1000);
  });

  it('a step interrupted three times fails the run with worker_lost', { timeout: 180_000 }, async () => {
    const t = await startTenant(s, m, m.owner, slug('loop'));
    await holdFault('create_storage', t.uuid, 3);
    for (let i = 1; i <= 3; i++) {
      const w = await worker('loop-1');
      await waitFor(
        `hold ${i}`,
        async () => {
          const f = await s.tdb.db
            .selectFrom('provisioning_faults')
            .select('remaining')
            .where(
              'tenant_id',
              'in',
              s.tdb.db.selectFrom('tenants').select('id').where('uuid', '=', dashed(t.uuid)),
            )
            .executeTakeFirst();
          return f?.remaining === 3 - i && (await holding()).get(t.uuid) === 'create_storage';
        },
        60_000,
      );
      await kill9(w);
    }
    const w = await worker('loop-1');
    const failed = await waitTenant(s, m.staff.token, t.uuid, 'Failed', 60_000);
    expect(failed.last_failure).toMatchObject({
      failed_activity: 'create_storage',
      details: { code: 'worker_lost' },
    });
    expect(failed.attempt_number).toBe(1);
    killGroup(w, 'SIGTERM');
    await w.exited;
  });
});
