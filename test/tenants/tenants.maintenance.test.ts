import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantJobs } from '../../src/flows/tenant-maintenance/jobs.js';
import { tenantMaintenanceWorkflow } from '../../src/flows/tenant-maintenance/workflow.js';
import { inTransaction } from '../../src/platform/db/database.js';
import { startTestServer } from '../support/http.js';
import type { Marketplace } from '../support/order-factories.js';
import { testTenantSettings, testTenantWiring } from '../support/tenant-wiring.js';
import { waitFor } from '../workflows/helpers.js';
import {
  caPem,
  consoleGet,
  dashed,
  makeTenantMarketplace,
  slug,
  startTenant,
  type TenantView,
  waitTenant,
} from './helpers.js';

let s: Awaited<ReturnType<typeof startTestServer>>;
let m: Marketplace;
beforeAll(async () => {
  s = await startTestServer({ workflows: true });
  m = await makeTenantMarketplace(s.tdb.db);
});
afterAll(() => s.close());

describe('the maintenance schedule registered by register_workflow_engine', () => {
  it('runs on Orderly’s engine when due: renews a certificate close to expiry and checks the storage', async () => {
    const t: TenantView = await waitTenant(
      s,
      m.staff.token,
      (await startTenant(s, m, m.owner, slug('care'))).uuid,
      'Active',
    );
    const tenant = s.tdb.db.selectFrom('tenants').select('id').where('uuid', '=', dashed(t.uuid));
    // Ten days left on the certificate, and the daily run is due.
    await s.tdb.db
      .updateTable('tenant_certificates')
      .set({ not_after: sql<Date>`now() + interval '10 days'` })
      .where('tenant_id', 'in', tenant)
      .execute();
    await s.tdb.db
      .updateTable('tenant_schedules')
      .set({ next_run_at: sql<Date>`now() - interval '1 minute'` })
      .where('tenant_id', 'in', tenant)
      .execute();
    const logger = pino({ level: 'silent' });
    const maintenance = tenantMaintenanceWorkflow({
      db: s.tdb.db,
      ...testTenantWiring(s.tdb, logger, testTenantSettings()),
    });
    const [job] = tenantJobs(s.engine!, maintenance, 60_000, logger);
    expect(await inTransaction(s.tdb.db, (tx) => job!.run(tx, new Date()))).toBe(1);
    const schedule = await waitFor('the maintenance run to record its outcome', async () => {
      const row = await s.tdb.db
        .selectFrom('tenant_schedules')
        .selectAll()
        .where('tenant_id', 'in', tenant)
        .executeTakeFirstOrThrow();
      return row.last_outcome ? row : undefined;
    });
    expect(schedule.last_outcome).toBe('healthy');
    expect(schedule.next_run_at.getTime()).toBeGreaterThan(Date.now());
    const certs = await s.tdb.db
      .selectFrom('tenant_certificates')
      .select('serial')
      .where('tenant_id', 'in', tenant)
      .orderBy('id')
      .execute();
    expect(certs).toHaveLength(2);
    // The console now presents the renewed certificate.
    expect((await consoleGet(t.admin_console_url ?? '', await caPem(s))).serial).toBe(certs[1]?.serial);
    // Not due any more: the next pass enqueues nothing.
    expect(await inTransaction(s.tdb.db, (tx) => job!.run(tx, new Date()))).toBe(0);
  });
});
