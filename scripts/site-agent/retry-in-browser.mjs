// The offering manager's Retry of an erred order, done in Orderly's web UI with Debian's Chromium
// (playwright-core from node_modules, the flags of test/e2e/support/chromium.ts). Used by
// scripts/site-agent/check.py:  node retry-in-browser.mjs URL TOKEN ORDER_UUID SCREENSHOT.png
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const [url, token, orderUuid, screenshot] = process.argv.slice(2);
if (!url || !token || !orderUuid) {
  console.error('usage: retry-in-browser.mjs URL TOKEN ORDER_UUID [SCREENSHOT]');
  process.exit(2);
}
const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'site-agent-check-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args,
  viewport: { width: 1280, height: 800 },
});
context.setDefaultTimeout(20_000);
const problems = [];
let status = 0;
try {
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
  });
  await page.goto(`${url}/`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  console.log('signed in with the token of the offering manager');
  await page.goto(`${url}/orders/${orderUuid}`);
  await page.locator('h1 .badge', { hasText: /^Erred$/ }).waitFor();
  const errorText = await page
    .getByText(/Connection refused/)
    .first()
    .textContent()
    .catch(() => null);
  console.log(
    `order page: state badge "Erred"; error shown: ${errorText ? JSON.stringify(errorText.trim().slice(0, 160)) : '(not on the first tab)'}`,
  );
  await page.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Retry', exact: false }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('heading', { name: 'Retry order' }).waitFor();
  const reason = dialog.getByLabel(/Reason/);
  if (await reason.count()) await reason.fill('slurmdbd is reachable again');
  await dialog.getByRole('button', { name: 'Yes' }).click();
  await page
    .getByRole('region', { name: 'Notifications' })
    .getByText('Order has been submitted for retry.', { exact: true })
    .waitFor();
  console.log('toast: "Order has been submitted for retry."');
  await page.locator('h1 .badge', { hasText: /^(Executing|Pending provider)/ }).waitFor();
  const badge = (await page.locator('h1 .badge').first().textContent())?.trim();
  console.log(`order page: state badge "${badge}"`);
  if (screenshot) {
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`screenshot: ${screenshot}`);
  }
} catch (e) {
  status = 1;
  console.error(`browser step failed: ${e?.message ?? e}`);
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
if (problems.length) console.log(`page problems: ${problems.join('; ')}`);
process.exit(status);
