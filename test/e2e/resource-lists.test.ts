import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, startE2E } from './support/harness.js';

// Finding things (issue 12, item 7): consumer and provider resource lists with search and filters,
// the "stuck" view, a provider following a bare resource link, and a missing object with a way back.
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  // The demo's stuck resource entered Terminating seconds ago; make it look as old as its story
  // ("site agent offline for a week"). Test set-up only: the app never rewrites history.
  await sql`UPDATE resource_transitions SET created = now() - interval '7 days'
    WHERE resource_id = (SELECT id FROM resources WHERE name = 'legacy-cluster-account')`.execute(e2e.tdb.db);
}, 300_000);
afterAll(async () => {
  await e2e?.close();
});

interface ResourceOut {
  uuid: string;
  name: string;
}

const rows = (w: { page: import('playwright-core').Page }) =>
  w.page.getByRole('region', { name: /resources/i }).getByRole('row');

describe('resource lists in the browser', { timeout: 120_000 }, () => {
  it('staff find the stuck resource from Provider resources, then narrow by search, state and type', async () => {
    const w = await e2e.page();
    await w.signIn('Sam Staff');
    await w.nav('Provider resources');
    await w.page.getByRole('heading', { name: 'Provider resources', level: 1 }).waitFor();
    await w.page.getByRole('link', { name: 'genomics-scratch' }).waitFor();
    await w.page.getByLabel(/Stuck only/).check();
    await w.page.getByRole('link', { name: 'legacy-cluster-account' }).waitFor();
    await w.page.getByRole('link', { name: 'genomics-scratch' }).waitFor({ state: 'detached' });
    expect(new URL(w.page.url()).searchParams.get('stuck')).toBe('1');
    await w.screenshot('provider-resources-stuck');
    await w.page.getByRole('link', { name: 'legacy-cluster-account' }).click();
    await w.headingState('Terminating');
    await w.page.getByText(/provider view/).waitFor();

    await w.goto('/provider/resources');
    await w.page.getByRole('searchbox', { name: 'Search' }).fill('hpc-alloc');
    await w.page.getByRole('link', { name: 'hpc-allocation' }).waitFor();
    await w.page.getByRole('link', { name: 'genomics-scratch' }).waitFor({ state: 'detached' });
    await w.page.getByRole('searchbox', { name: 'Search' }).fill('');
    await w.page.getByLabel('Offering type').selectOption({ label: 'Basic' });
    await w.page.getByRole('link', { name: 'genomics-scratch' }).waitFor();
    await w.page.getByRole('link', { name: 'hpc-allocation' }).waitFor({ state: 'detached' });
    await w.page.getByLabel('State').selectOption('Terminating');
    await w.page.getByText('No resources match these filters.').waitFor();
    await w.expectCleanAndClose();
  });

  it('a consumer lists their resources and filters by state', async () => {
    const w = await e2e.page();
    await w.signIn('Alice Owner');
    await w.nav('My resources');
    await w.page.getByRole('heading', { name: 'My resources', level: 1 }).waitFor();
    await w.page.getByRole('link', { name: 'legacy-cluster-account' }).waitFor();
    await w.page.getByLabel('State').selectOption('Terminating');
    await w.page.getByRole('link', { name: 'legacy-cluster-account' }).waitFor();
    await w.page.getByRole('link', { name: 'genomics-scratch' }).waitFor({ state: 'detached' });
    expect(await rows(w).count()).toBeGreaterThan(1);
    await w.page.getByRole('link', { name: 'legacy-cluster-account' }).click();
    await w.page.getByText(/consumer view/).waitFor();
    await w.expectCleanAndClose();
  });

  it('a provider following a bare resource link gets the provider view; a missing one offers the way back', async () => {
    const [hpc] = await e2e.api<ResourceOut[]>(
      'staff',
      'GET',
      '/api/marketplace-provider-resources/?name_exact=hpc-allocation',
    );
    if (!hpc) throw new Error('demo without hpc-allocation');
    const w = await e2e.page();
    await w.signIn('Olga Offering-Manager');
    await w.goto(`/resources/${hpc.uuid}`);
    await w.page.getByRole('heading', { name: /hpc-allocation/, level: 1 }).waitFor();
    await w.page.getByText(/provider view/).waitFor();

    const missing = randomUUID();
    w.expectHttpError(404, `/api/marketplace-resources/${missing}/`);
    await w.goto('/orders');
    await w.goto(`/resources/${missing}`);
    const alert = w.page.getByRole('alert');
    await alert.getByText(/your roles do not let you see it/).waitFor();
    await alert.getByRole('link', { name: 'Home' }).waitFor();
    await alert.getByRole('button', { name: 'Go back' }).click();
    await w.page.waitForURL(/\/orders$/);
    await w.expectCleanAndClose();
  });
});
