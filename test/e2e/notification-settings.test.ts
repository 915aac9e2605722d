import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, startE2E } from './support/harness.js';

// A person turns one kind of e-mail off from the header's "E-mails" page (issue 15, item 6: a
// per-user setting for each kind); the API then reports it off and the rest unchanged.
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
}, 300_000);
afterAll(async () => {
  await e2e?.close();
});

type Settings = Record<string, boolean>;

describe('e-mail settings in the browser', { timeout: 120_000 }, () => {
  it('a project member turns off "resource created" e-mails and keeps the others', async () => {
    const before = await e2e.api<Settings>('frank', 'GET', '/api/users/me/notification-settings/');
    expect(before.resource_create_succeeded).toBe(true);
    const w = await e2e.page();
    await w.signIn('Frank Member');
    await w.page.getByRole('link', { name: 'E-mail settings' }).click();
    await w.page.getByRole('heading', { name: 'E-mail settings', level: 1 }).waitFor();
    const box = w.page.getByRole('checkbox', { name: "A resource was created (the project's members)." });
    expect(await box.isChecked()).toBe(true);
    await box.uncheck();
    await w.toast("Turned off: A resource was created (the project's members).");
    expect(await box.isChecked()).toBe(false);
    const after = await e2e.api<Settings>('frank', 'GET', '/api/users/me/notification-settings/');
    expect(after).toEqual({ ...before, resource_create_succeeded: false });
    await w.expectCleanAndClose();
  });
});
