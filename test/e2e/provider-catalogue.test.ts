import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, startE2E } from './support/harness.js';
import type { PageWatch } from './support/page-watch.js';

// The provider's catalogue editor (issue 15): a provider edits an offering's details, adds a
// component, creates, re-prices, archives and deletes plans, and reads the server's reason when a
// plan or component in use cannot go; at desktop and phone width.
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
}, 300_000);
afterAll(async () => {
  await e2e?.close();
});

interface Offering {
  uuid: string;
  description: string;
  components: { type: string; name: string }[];
}
interface Plan {
  uuid: string;
  name: string;
  archived: boolean;
  prices: Record<string, number>;
  future_prices: Record<string, number>;
}

/** An offering of Nordic Compute, as Paula's API calls see it. */
async function offering(name: string): Promise<Offering> {
  const [o] = await e2e.api<Offering[]>(
    'paula',
    'GET',
    `/api/marketplace-provider-offerings/?name=${encodeURIComponent(name)}`,
  );
  if (!o) throw new Error(`no offering ${name}`);
  return o;
}

/** The offering's plans, archived ones included. */
function plans(o: Offering): Promise<Plan[]> {
  return e2e.api<Plan[]>('paula', 'GET', `/api/marketplace-plans/?offering_uuid=${o.uuid}&page_size=50`);
}

/** A 1×1 PNG: the server checks an image's bytes, not its name. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Nothing on the page is wider than the screen. */
async function fits(w: PageWatch, width: number): Promise<void> {
  expect(await w.page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
}

/** Clicks a tab of the editor. */
async function tab(w: PageWatch, name: RegExp): Promise<void> {
  await w.page.getByRole('tab', { name }).click();
}

// Each width works on its own offering, whose demo plan has orders (so it cannot be deleted).
const CASES = [
  {
    width: 1280,
    name: 'Managed Research Storage',
    used: 'Storage',
    inUse: 'storage',
    price: 'Price of Storage per GB',
  },
  {
    width: 390,
    name: 'Nordic HPC Cluster',
    used: 'Allocation',
    inUse: 'cpu',
    price: 'Price of CPU core-hours per core-hours',
  },
];

describe('Provider catalogue in the browser', { timeout: 180_000 }, () => {
  for (const c of CASES) {
    it(`edits ${c.name}: details, a component, plans, refusals, at ${c.width} px`, async () => {
      const o = await offering(c.name);
      const w = await e2e.page(c.width);
      await w.signIn('Paula Provider');
      if (c.width < 720) await w.goto('/provider/catalogue');
      else await w.nav('Provider catalogue');
      await w.page.getByRole('heading', { name: 'Catalogue', level: 1 }).waitFor();
      await fits(w, c.width);
      await w.page.getByRole('link', { name: c.name }).click();
      await w.page.getByRole('heading', { name: c.name, level: 1 }).waitFor();

      // Details: the short description.
      const text = `Edited in the browser at ${c.width} px.`;
      await w.page.getByLabel('Short description').fill(text);
      await w.page.getByRole('button', { name: 'Save details' }).click();
      await w.toast('Offering details have been saved.');
      expect((await offering(c.name)).description).toBe(text);
      await fits(w, c.width);
      if (c.width >= 720) {
        // Location and thumbnail, once.
        await w.page.getByLabel('Latitude').fill('60.17');
        await w.page.getByLabel('Longitude').fill('24.94');
        await w.page.getByRole('button', { name: 'Save location' }).click();
        await w.toast('Location has been saved.');
        expect(
          (
            await e2e.api<{ latitude: number }>(
              'paula',
              'GET',
              `/api/marketplace-provider-offerings/${o.uuid}/`,
            )
          ).latitude,
        ).toBe(60.17);
        await w.page
          .getByLabel('Image file')
          .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
        await w.page.getByRole('button', { name: 'Upload thumbnail' }).click();
        await w.toast('Thumbnail has been uploaded.');
        await w.page.getByRole('img', { name: `Thumbnail of ${c.name}` }).waitFor();
        const image = await fetch(`${e2e.url}/api/marketplace-public-offerings/${o.uuid}/thumbnail/`, {
          headers: { authorization: `Token ${e2e.tokens.paula}` },
        });
        expect(image.status).toBe(200);
      }

      // Components: add one; removing one that resources use is refused with the server's reason.
      await tab(w, /^Components/);
      await w.page.getByRole('button', { name: 'Add component' }).click();
      const add = w.dialog();
      await add.getByLabel('Type (identifier)').fill('gpu');
      await add.getByLabel('Name').fill('GPU hours');
      await add.getByLabel('Billing').selectOption('usage');
      await add.getByLabel('Measured unit').fill('hours');
      await add.getByRole('button', { name: 'Add component' }).click();
      await w.toast('Component has been added.');
      await w.page.getByRole('button', { name: 'Edit component GPU hours' }).waitFor();
      expect((await offering(c.name)).components.map((x) => x.type)).toContain('gpu');
      const used = (await offering(c.name)).components.find((x) => x.type === c.inUse);
      w.expectHttpError(409, `/api/marketplace-provider-offerings/${o.uuid}/remove_offering_component/`);
      await w.page.getByRole('button', { name: `Remove component ${used?.name}` }).click();
      await w.dialog().getByRole('button', { name: 'Remove' }).click();
      await w
        .dialog()
        .getByRole('alert')
        .getByText(/cannot be removed because it is already used/)
        .waitFor();
      await w.dialog().getByRole('button', { name: 'Cancel' }).click();

      // Plans: create one with a price for the new component.
      await tab(w, /^Plans/);
      const plan = `Burst ${c.width}`;
      await w.page.getByRole('button', { name: 'Create plan' }).click();
      const create = w.dialog();
      await create.getByLabel('Name').fill(plan);
      await create.getByLabel('Fixed price').fill('12');
      await create.getByLabel('Price of GPU hours per hours').fill('3.5');
      await fits(w, c.width);
      await create.getByRole('button', { name: 'Create plan' }).click();
      await w.toast('Plan has been created.');
      const row = w.page.getByRole('row').filter({ hasText: plan });
      await row.getByText('GPU hours: 3.50').waitFor();

      // Edit its price.
      await w.page.getByRole('button', { name: `Edit plan ${plan}` }).click();
      await w.dialog().getByLabel('Price of GPU hours per hours').fill('4.25');
      await w.dialog().getByRole('button', { name: 'Save plan' }).click();
      await w.toast('Plan has been updated.');
      await row.getByText('GPU hours: 4.25').waitFor();
      const created = (await plans(o)).find((p) => p.name === plan);
      expect(created?.prices.gpu).toBe(4.25);

      // Archive it.
      await w.page.getByRole('button', { name: `Archive plan ${plan}` }).click();
      await w.dialog().getByRole('button', { name: 'Archive' }).click();
      await w.toast('Plan has been archived.');
      await row.getByText('Archived', { exact: true }).waitFor();
      expect(await w.page.getByRole('button', { name: `Archive plan ${plan}` }).count()).toBe(0);
      expect((await plans(o)).find((p) => p.name === plan)?.archived).toBe(true);

      // The demo plan has orders: deleting it is refused, and the dialog says why.
      w.expectHttpError(409, '/api/marketplace-plans/');
      await w.page.getByRole('button', { name: `Delete plan ${c.used}` }).click();
      await w.dialog().getByRole('button', { name: 'Delete' }).click();
      const reason = w.dialog().getByRole('alert');
      await reason.waitFor();
      expect(await reason.textContent()).toBe(
        'It is not possible to delete plan because it is used by orders or resources; archive it instead.',
      );
      await fits(w, c.width);
      await w.screenshot(c.width < 720 ? 'provider-catalogue-phone' : 'provider-catalogue');
      await w.dialog().getByRole('button', { name: 'Cancel' }).click();
      expect((await plans(o)).some((p) => p.name === c.used)).toBe(true);

      // A plan in use keeps its terms: only its prices change, from the next billing month.
      const before = (await plans(o)).find((p) => p.name === c.used);
      await w.page.getByRole('button', { name: `Edit plan ${c.used}` }).click();
      expect(await w.dialog().getByLabel('Name').isDisabled()).toBe(true);
      await w.dialog().getByLabel(c.price).fill('0.125');
      await w.dialog().getByRole('button', { name: 'Save plan' }).click();
      await w.toast('Plan has been updated.');
      await w.page.getByRole('row').filter({ hasText: c.used }).getByText('→ 0.125 EUR next month').waitFor();
      // The other components' prices stay as they are, now and next month.
      const priced = (await plans(o)).find((p) => p.name === c.used);
      expect(priced?.prices).toMatchObject(before?.prices ?? {});
      expect(priced?.future_prices).toMatchObject({ ...before?.prices, [c.inUse]: 0.125 });

      // The new plan has no order: it can be deleted.
      await w.page.getByRole('button', { name: `Delete plan ${plan}` }).click();
      await w.dialog().getByRole('button', { name: 'Delete' }).click();
      await w.toast('Plan has been deleted.');
      await row.waitFor({ state: 'detached' });
      await fits(w, c.width);
      await w.expectCleanAndClose();
    });
  }

  it('an owner limits an offering and its plan to an organization group; a manager may not', async () => {
    const group = await e2e.api<{ uuid: string }>('staff', 'POST', '/api/organization-groups/', {
      name: 'Nordic universities',
    });
    const o = await offering('Expert Support');
    const w = await e2e.page();
    await w.signIn('Paula Provider');
    await w.goto(`/provider/catalogue/${o.uuid}?tab=groups`);
    const forOffering = w.page.getByRole('group', { name: 'Expert Support' });
    await forOffering.getByText('Open to every organization.').waitFor();
    await forOffering.getByLabel('Nordic universities').check();
    await w.page.getByRole('button', { name: 'Save groups of Expert Support' }).click();
    await w.toast('Organization groups of the offering have been saved.');
    await forOffering.getByText('Only for Nordic universities.').waitFor();
    const limited = await e2e.api<{ organization_groups: { uuid: string }[] }>(
      'paula',
      'GET',
      `/api/marketplace-provider-offerings/${o.uuid}/`,
    );
    expect(limited.organization_groups.map((g) => g.uuid)).toEqual([group.uuid]);
    const forPlan = w.page.getByRole('group', { name: 'Plan Ten hours a month' });
    await forPlan.getByLabel('Nordic universities').check();
    await w.page.getByRole('button', { name: 'Save groups of Plan Ten hours a month' }).click();
    await w.toast('Organization groups of plan Ten hours a month have been saved.');
    const [plan] = await e2e.api<{ organization_groups: { uuid: string }[] }[]>(
      'paula',
      'GET',
      `/api/marketplace-plans/?offering_uuid=${o.uuid}`,
    );
    expect(plan?.organization_groups.map((g) => g.uuid)).toEqual([group.uuid]);
    await w.page.getByRole('link', { name: 'Orderly home' }).click();
    await w.signOut();
    // A service provider manager sees the groups but cannot change them (owners only).
    await w.signIn('Mike Provider-Manager');
    await w.goto(`/provider/catalogue/${o.uuid}?tab=groups`);
    await forOffering.getByText('Only for Nordic universities.').waitFor();
    expect(await forOffering.getByLabel('Nordic universities').isDisabled()).toBe(true);
    expect(await w.page.getByRole('button', { name: /^Save groups/ }).count()).toBe(0);
    await w.expectCleanAndClose();
  });

  it('an offering manager edits details but not components or plans; a consumer has no catalogue', async () => {
    const w = await e2e.page();
    await w.signIn('Olga Offering-Manager');
    await w.nav('Provider catalogue');
    await w.page.getByRole('link', { name: 'Nordic HPC Cluster' }).click();
    await w.page.getByRole('button', { name: 'Save details' }).waitFor();
    await tab(w, /^Components/);
    await w.page.getByRole('cell', { name: 'CPU core-hours' }).waitFor();
    expect(await w.page.getByRole('button', { name: 'Add component' }).count()).toBe(0);
    await tab(w, /^Plans/);
    await w.page.getByRole('cell', { name: /Allocation/ }).waitFor();
    expect(await w.page.getByRole('button', { name: 'Create plan' }).count()).toBe(0);
    expect(await w.page.getByRole('button', { name: /^Delete plan/ }).count()).toBe(0);
    // Home first: signing in again keeps the URL, and Alice may not see Olga's offering.
    await w.page.getByRole('link', { name: 'Orderly home' }).click();
    await w.signOut();
    await w.signIn('Alice Owner');
    expect(await w.page.getByRole('link', { name: 'Provider catalogue' }).count()).toBe(0);
    await w.expectCleanAndClose();
  });
});
