import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, startE2E } from './support/harness.js';
import type { PageWatch } from './support/page-watch.js';
import { orderTenant, tenantOfOrder } from './support/tenant-order.js';

// Every page at 390×844 (a phone): nothing wider than the screen, and the page's primary action
// inside the screen without horizontal scrolling (issue 12, item 8).
let e2e: E2E;
beforeAll(async () => {
  // Workflows on: the demo's tenants are provisioned for real, so there is a tenant page to visit.
  e2e = await startE2E({ workflows: true });
}, 300_000);
afterAll(async () => {
  await e2e?.close();
});

const PHONE = 390;

interface Row {
  uuid: string;
}

/** The first object of a list, as that user sees it. */
async function first(user: string, listPath: string): Promise<string> {
  const rows = await e2e.api<Row[]>(user, 'GET', listPath);
  const row = rows[0];
  if (!row) throw new Error(`${listPath} is empty for ${user}`);
  return row.uuid;
}

/** A page, how to know it has loaded, and its primary action. */
interface PageCase {
  path: string;
  ready: (w: PageWatch) => Promise<void>;
  primary: (w: PageWatch) => ReturnType<PageWatch['page']['getByRole']>;
}

/** Asserts the phone layout of the page that is open now. */
async function assertFits(w: PageWatch, c: PageCase): Promise<void> {
  await c.ready(w);
  await w.page.locator('.spinner').first().waitFor({ state: 'detached' });
  const width = await w.page.evaluate('document.documentElement.scrollWidth');
  // On failure, name the innermost elements that stick out, so the fix is obvious.
  const wide = await w.page.evaluate(`[...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > ${PHONE} + 1 && ![...e.children].some((c) => c.getBoundingClientRect().right > ${PHONE} + 1))
    .slice(0, 5).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ')`);
  expect(width, `${c.path} is ${String(width)} px wide: ${String(wide)}`).toBeLessThanOrEqual(PHONE);
  const action = c.primary(w).first();
  await action.scrollIntoViewIfNeeded();
  const box = await action.boundingBox();
  expect(box, `${c.path}: primary action not rendered`).not.toBeNull();
  if (box) {
    expect(box.x, `${c.path}: primary action starts off-screen`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${c.path}: primary action ends off-screen`).toBeLessThanOrEqual(PHONE);
  }
}

const heading = (name: string | RegExp) => (w: PageWatch) =>
  w.page.getByRole('heading', { name, level: 1 }).waitFor();
const actions = (w: PageWatch) => w.page.getByRole('button', { name: 'Actions' });
const search = (w: PageWatch) => w.page.getByRole('searchbox', { name: 'Search' });

describe('every page at 390 px wide', { timeout: 240_000 }, () => {
  it('consumer pages: home, marketplace, order form, orders, resources, tenants', async () => {
    const offering = await first('alice', '/api/marketplace-public-offerings/?page_size=1');
    const order = await first('alice', '/api/marketplace-orders/?page_size=1&o=-created');
    const resource = await first('alice', '/api/marketplace-resources/?page_size=1&o=-created');
    const cases: PageCase[] = [
      {
        path: '/',
        ready: (w) => w.page.getByRole('navigation', { name: 'Main' }).waitFor(),
        primary: (w) => w.page.getByRole('button', { name: 'Sign out' }),
      },
      {
        path: '/marketplace',
        ready: heading('Marketplace'),
        primary: (w) => w.page.getByRole('link', { name: /^Order/ }),
      },
      {
        path: `/marketplace/${offering}`,
        ready: (w) => w.page.getByRole('button', { name: /Submit/ }).waitFor(),
        primary: (w) => w.page.getByRole('button', { name: /Submit/ }),
      },
      {
        path: '/orders',
        ready: heading('My orders'),
        primary: (w) => w.page.getByRole('link', { name: 'New order' }),
      },
      { path: `/orders/${order}`, ready: (w) => w.page.locator('h1 .badge').waitFor(), primary: actions },
      { path: '/resources', ready: heading('My resources'), primary: search },
      {
        path: `/resources/${resource}`,
        ready: (w) => w.page.locator('h1 .badge').waitFor(),
        primary: actions,
      },
      { path: '/tenants', ready: heading('Tenants'), primary: search },
      {
        path: '/settings/notifications',
        ready: heading('E-mail settings'),
        primary: (w) => w.page.getByRole('checkbox'),
      },
    ];
    const w = await e2e.page(PHONE);
    await w.signedOut();
    await assertFits(w, {
      path: 'sign-in',
      ready: (x) => x.page.getByRole('heading', { name: 'Demo users' }).waitFor(),
      primary: (x) => x.page.getByRole('button', { name: 'Sign in as Alice Owner' }),
    });
    await w.signIn('Alice Owner');
    for (const c of cases) {
      await w.goto(c.path);
      await assertFits(w, c);
    }
    // The cost estimate is read before Submit, not below it.
    await w.goto(`/marketplace/${offering}`);
    const estimate = await w.page.getByRole('complementary').first().boundingBox();
    const submit = await w.page.getByRole('button', { name: /Submit/ }).boundingBox();
    expect(estimate && submit && estimate.y < submit.y, 'the estimate is below Submit').toBe(true);
    // The order page's tabs all fit on the screen (they wrap rather than run off the edge).
    await w.goto(`/orders/${order}`);
    for (const tab of await w.page.getByRole('tab').all()) {
      const box = await tab.boundingBox();
      expect(box && box.x + box.width, 'an order tab runs off the screen').toBeLessThanOrEqual(PHONE);
    }
    await w.expectCleanAndClose();
  });

  it('provider and staff pages: provider orders and resources, a resource, a tenant, not found', async () => {
    const resource = await first('paula', '/api/marketplace-provider-resources/?page_size=1&o=-created');
    const hpcOffering = await first(
      'paula',
      '/api/marketplace-provider-offerings/?name=Nordic%20HPC%20Cluster',
    );
    const slug = 'phone-lab';
    const tenant = (await tenantOfOrder(e2e, slug, await orderTenant(e2e, slug))).uuid;
    const cases: PageCase[] = [
      {
        path: '/provider/orders?view=all',
        ready: heading(/orders/i),
        primary: search,
      },
      { path: '/provider/resources', ready: heading('Provider resources'), primary: search },
      {
        path: '/provider/dashboard',
        ready: (x) => x.page.getByRole('img', { name: /^Revenue by month/ }).waitFor(),
        primary: (x) => x.page.getByRole('img', { name: /^Orders per day/ }),
      },
      {
        path: `/resources/${resource}?view=provider`,
        ready: (w) => w.page.locator('h1 .badge').waitFor(),
        primary: actions,
      },
      {
        path: '/provider/attention',
        ready: heading('Needs attention'),
        primary: (x) => x.page.getByRole('link', { name: 'Approval SLA settings' }),
      },
      {
        path: '/provider/approval-sla',
        ready: heading('Approval SLA'),
        primary: (x) => x.page.getByRole('button', { name: 'Save' }),
      },
      {
        path: '/provider/agents',
        ready: heading('Site agents'),
        primary: (x) => x.page.getByRole('link', { name: 'Nordic HPC Cluster' }),
      },
      {
        path: '/provider/catalogue',
        ready: heading('Catalogue'),
        primary: (x) => x.page.getByRole('link', { name: 'Nordic HPC Cluster' }),
      },
      {
        path: `/provider/catalogue/${hpcOffering}?tab=plans`,
        ready: heading(/Nordic HPC Cluster/),
        primary: (x) => x.page.getByRole('button', { name: 'Create plan' }),
      },
      {
        path: `/provider/offerings/${hpcOffering}/agents`,
        ready: heading(/Agents of/),
        primary: (x) => x.page.getByRole('button', { name: 'Refresh' }),
      },
    ];
    const w = await e2e.page(PHONE);
    await w.signIn('Paula Provider');
    for (const c of cases) {
      await w.goto(c.path);
      await assertFits(w, c);
    }
    await w.signOut();
    await w.signIn('Sam Staff');
    await w.goto(`/tenants/${tenant}`);
    await assertFits(w, {
      path: `/tenants/${tenant}`,
      ready: (x) => x.page.locator('h1 .badge').waitFor(),
      primary: (x) => x.page.getByRole('button').filter({ hasText: /Retry|Reset|Decommission|Actions/ }),
    });
    await w.goto('/no/such/page');
    await assertFits(w, {
      path: '/no/such/page',
      ready: heading('Page not found'),
      primary: (x) => x.page.getByRole('link', { name: 'Go to the home page' }),
    });
    await w.expectCleanAndClose();
  });
});
