import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Where the README's screenshots are written. */
export const SCREENSHOTS = path.resolve('docs/screenshots');

/**
 * A browser tab that records every console error, uncaught exception, failed request and 4xx/5xx
 * response, so each test can assert the UI ran clean; plus the few steps every test repeats.
 */
export class PageWatch {
  /** What went wrong in the page, in words. */
  readonly problems: string[] = [];
  /** Error responses a test provokes on purpose: status and a part of the URL. */
  private readonly expected: { status: number; url: string }[] = [];

  constructor(
    readonly page: Page,
    readonly base: string,
  ) {
    page.on('console', (m) => {
      // Chromium reports every 4xx/5xx response as a console error; those are judged by status below.
      const expectedLoad =
        m.text().startsWith('Failed to load resource') &&
        this.expected.some((e) => m.text().includes(`status of ${e.status}`));
      if (m.type() === 'error' && !expectedLoad) this.problems.push(`console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.problems.push(`uncaught: ${e.message}`));
    page.on('requestfailed', (r) => {
      // The app never aborts its own requests; ERR_ABORTED is a test's page.goto leaving a page early.
      const error = r.failure()?.errorText ?? '';
      if (error !== 'net::ERR_ABORTED')
        this.problems.push(`request failed: ${r.method()} ${r.url()} ${error}`);
    });
    page.on('response', (r) => {
      if (r.status() < 400 || this.expected.some((e) => e.status === r.status() && r.url().includes(e.url)))
        return;
      this.problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
    });
  }

  /** Declares an error response the test provokes (the browser logs it as a console error too). */
  expectHttpError(status: number, url: string): void {
    this.expected.push({ status, url });
  }

  /** Opens an in-app path. */
  async goto(p: string): Promise<void> {
    await this.page.goto(`${this.base}${p}`);
  }

  /** Opens the sign-in page as a fresh visitor (the browser profile, and so localStorage, is shared). */
  async signedOut(): Promise<void> {
    // Forget the previous test's sign-in before the app starts, once per tab (sessionStorage is per tab).
    await this.page.addInitScript(
      "if (!sessionStorage.getItem('e2e')) { localStorage.clear(); sessionStorage.setItem('e2e', '1'); }",
    );
    await this.goto('/');
    await this.page.getByRole('heading', { name: 'Sign in' }).waitFor();
  }

  /** Signs in from the sign-in page's demo list, as a fresh visitor. */
  async signIn(fullName: string): Promise<void> {
    if (!(await this.page.getByRole('heading', { name: 'Sign in' }).isVisible())) await this.signedOut();
    await this.page.getByRole('button', { name: `Sign in as ${fullName}` }).click();
    await this.page.getByRole('navigation', { name: 'Main' }).waitFor();
  }

  /** Signs out through the header button. */
  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    await this.page.getByRole('heading', { name: 'Sign in' }).waitFor();
  }

  /** Follows a link of the main navigation. */
  async nav(label: string): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label }).click();
  }

  /** Opens the Actions dropdown and picks an item. */
  async action(label: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Actions' }).click();
    await this.page.getByRole('menuitem', { name: label, exact: false }).first().click();
  }

  /** The open dialog. */
  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  /**
   * Waits for a notification with exactly this text. An earlier one with the same text may still be
   * showing (toasts fade on a timer, slower under load): the newest is the one waited for.
   */
  async toast(text: string): Promise<void> {
    await this.page
      .getByRole('region', { name: 'Notifications' })
      .getByText(text, { exact: true })
      .last()
      .waitFor();
  }

  /** Waits until the page heading shows this state badge. */
  async headingState(state: string): Promise<void> {
    await this.page.locator('h1 .badge', { hasText: new RegExp(`^${state}$`) }).waitFor();
  }

  /**
   * Saves a screenshot for the README (docs/screenshots/<name>.png) when UPDATE_SCREENSHOTS=1; the
   * picture step still runs otherwise (the page must settle), so the tests do not rewrite committed
   * files on every run.
   */
  async screenshot(name: string, fullPage = false): Promise<void> {
    // Toasts fade on a timer; wait for the spinner-free page so the picture is stable.
    await this.page.locator('.spinner').first().waitFor({ state: 'detached' });
    if (process.env.UPDATE_SCREENSHOTS !== '1') return;
    await this.page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
  }

  /** Asserts the tab saw no console error, exception or failed request, then closes it. */
  async expectCleanAndClose(): Promise<void> {
    expect(this.problems, this.problems.join('\n')).toEqual([]);
    await this.page.close();
  }
}
