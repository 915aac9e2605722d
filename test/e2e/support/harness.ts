import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { ensureWebBuild } from '../../../scripts/web-build.js';
import { buildApp } from '../../../src/app/server.js';
import { demoSecret } from '../../../src/demo/demo-tokens.js';
import { liveDemoTokens, seedDemo } from '../../../src/demo/seed.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { CHROMIUM, CHROMIUM_ARGS, ensureChromium } from './chromium.js';
import { PageWatch, SCREENSHOTS } from './page-watch.js';

/** A real Orderly (demo data, built UI) on a cloned database, and a headless Chromium. */
export interface E2E {
  url: string;
  tdb: TestDatabase;
  /** Demo username → token. */
  tokens: Record<string, string>;
  /** A new tab at the given width, watched for console errors and failed requests. */
  page(width?: number): Promise<PageWatch>;
  /** An API call as a demo user (test set-up through the real API). */
  api<T>(user: string, method: string, apiPath: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

/** Starts everything a browser test needs; the caller closes it in `afterAll`. */
export async function startE2E(): Promise<E2E> {
  ensureChromium();
  if ((await ensureWebBuild({ log: () => undefined })) === 'unavailable') {
    throw new Error('The web UI cannot be built: vite (a dev dependency) is not installed.');
  }
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'orderly-e2e-data-'));
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'orderly-e2e-chromium-'));
  const tdb = await createTestDatabase();
  const secret = demoSecret(dataDir);
  const tokens = await tdb.db.transaction().execute(async (tx) => {
    await seedDemo(tx, secret);
    return Object.fromEntries((await liveDemoTokens(tx, secret)).map((d) => [d.user.username, d.token]));
  });
  const app: FastifyInstance = await buildApp(
    tdb.db,
    pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    {
      demo: { dataDir },
    },
  );
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
  });
  context.setDefaultTimeout(20_000);
  await fs.mkdir(SCREENSHOTS, { recursive: true });

  return {
    url,
    tdb,
    tokens,
    async page(width = 1280) {
      const page: Page = await context.newPage();
      await page.setViewportSize({ width, height: width < 600 ? 844 : 800 });
      return new PageWatch(page, url);
    },
    async api<T>(user: string, method: string, apiPath: string, body?: unknown): Promise<T> {
      const res = await fetch(`${url}${apiPath}`, {
        method,
        headers: {
          authorization: `Token ${tokens[user]}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${apiPath} as ${user}: ${res.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
    async close() {
      await context.close();
      await app.close();
      await tdb.drop();
      await fs.rm(profile, { recursive: true, force: true });
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
