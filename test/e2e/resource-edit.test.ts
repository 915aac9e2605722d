import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, startE2E } from './support/harness.js';

// Browser test of the resource page's Edit dialog (issue 15, item 3): name, description, end date.
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
}, 300_000);
afterAll(async () => {
  await e2e?.close();
});

interface ResourceOut {
  uuid: string;
  description: string;
  end_date: string | null;
}

describe('resource edit in the browser', { timeout: 120_000 }, () => {
  it('the consumer owner edits description and end date; a past date is refused on the field', async () => {
    const [r] = await e2e.api<ResourceOut[]>(
      'staff',
      'GET',
      '/api/marketplace-resources/?name_exact=genomics-scratch',
    );
    if (!r) throw new Error('demo without genomics-scratch');
    const w = await e2e.page();
    await w.signIn('Alice Owner');
    await w.goto(`/resources/${r.uuid}?view=consumer`);
    await w.page.getByRole('heading', { name: /genomics-scratch/, level: 1 }).waitFor();
    await w.page.getByRole('button', { name: 'Edit' }).click();
    const dialog = w.dialog();
    w.expectHttpError(400, `/api/marketplace-resources/${r.uuid}/`);
    await dialog.getByLabel('End date (optional)').fill('2020-01-01');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText(/Cannot be earlier than the current date\./).waitFor();
    await dialog.getByLabel('Description').fill('Scratch space for the sequencing runs.');
    await dialog.getByLabel('End date (optional)').fill('2031-01-31');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await w.toast('Resource has been updated.');
    await w.page.getByText('2031-01-31', { exact: true }).waitFor();
    await w.page
      .getByText(/End date of marketplace resource genomics-scratch has been updated/)
      .first()
      .waitFor();
    await w.screenshot('resource-edit');
    const [after] = await e2e.api<ResourceOut[]>(
      'staff',
      'GET',
      '/api/marketplace-resources/?name_exact=genomics-scratch',
    );
    expect(after).toMatchObject({
      description: 'Scratch space for the sequencing runs.',
      end_date: '2031-01-31',
    });
    await w.expectCleanAndClose();
  });
});
