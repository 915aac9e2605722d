import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, startE2E } from './support/harness.js';

// The provider dashboard (issue 15, item 5): headline figures and three inline SVG charts, each an
// image named by a summary of its data with the numbers in a hidden table, at desktop and phone width.
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
}, 300_000);
afterAll(async () => {
  await e2e?.close();
});

interface Stat {
  active_resources: number;
  pending_orders: number;
}

/** The figures of Nordic Compute, as Paula's API calls see them. */
async function nordic() {
  const [sp] = await e2e
    .api<{ uuid: string; customer_name: string }[]>(
      'paula',
      'GET',
      '/api/marketplace-service-providers/?page_size=50',
    )
    .then((all) => all.filter((s) => s.customer_name === 'Nordic Compute'));
  if (!sp) throw new Error('Nordic Compute is not a service provider');
  const stat = await e2e.api<Stat>('paula', 'GET', `/api/marketplace-service-providers/${sp.uuid}/stat/`);
  const series = await e2e.api<{ resources_by_state: { state: string; count: number }[] }>(
    'paula',
    'GET',
    `/api/marketplace-service-providers/${sp.uuid}/dashboard/`,
  );
  return { stat, series };
}

describe('Provider dashboard in the browser', { timeout: 120_000 }, () => {
  for (const width of [1280, 390]) {
    it(`shows the provider's figures and charts at ${width} px`, async () => {
      const { stat, series } = await nordic();
      const w = await e2e.page(width);
      await w.signIn('Paula Provider');
      if (width < 720) await w.goto('/provider/dashboard');
      else await w.nav('Provider dashboard');
      await w.page.getByRole('heading', { name: 'Provider dashboard', level: 1 }).waitFor();
      const figures = w.page.getByRole('definition');
      await figures.first().waitFor();
      const active = w.page.locator('.figure-list div', { hasText: 'Active resources' }).locator('dd');
      expect(await active.textContent()).toBe(String(stat.active_resources));
      const pending = w.page.locator('.figure-list div', { hasText: 'Pending orders' }).locator('dd');
      expect(await pending.textContent()).toBe(String(stat.pending_orders));
      const orders = w.page.getByRole('img', { name: /^Orders per day by state, last 30 days: \d+ orders/ });
      const resources = w.page.getByRole('img', { name: /^Resources by state: / });
      const revenue = w.page.getByRole('img', { name: /^Revenue by month, / });
      for (const chart of [orders, resources, revenue]) {
        await chart.waitFor();
        const box = await chart.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= width, 'a chart runs off the screen').toBe(true);
      }
      const summary = series.resources_by_state.map((r) => `${r.state} ${r.count}`).join(', ');
      expect(await resources.getAttribute('aria-label')).toBe(`Resources by state: ${summary}.`);
      // The same numbers, for screen readers, in the hidden tables.
      const table = w.page.getByRole('table', { name: 'Resources by state' });
      for (const r of series.resources_by_state)
        expect(await table.getByRole('row', { name: `${r.state} ${r.count}` }).count()).toBe(1);
      expect(
        await w.page.getByRole('table', { name: 'Orders per day by state' }).getByRole('row').count(),
      ).toBe(31);
      expect(await w.page.getByRole('table', { name: 'Revenue by month' }).getByRole('row').count()).toBe(13);
      expect(await w.page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
      await w.screenshot(width < 720 ? 'provider-dashboard-phone' : 'provider-dashboard');
      await w.expectCleanAndClose();
    });
  }

  it('a consumer has no dashboard link', async () => {
    const w = await e2e.page();
    await w.signIn('Alice Owner');
    await w.page.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(await w.page.getByRole('link', { name: 'Provider dashboard' }).count()).toBe(0);
    await w.expectCleanAndClose();
  });
});
