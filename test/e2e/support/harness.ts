import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { ensureWebBuild } from '../../../scripts/web-build.js';
import { appProcessors } from '../../../src/app/processors.js';
import { appWorkflows, WORKFLOW_VERSION } from '../../../src/app/runtime.js';
import { type AppServices, buildApp } from '../../../src/app/server.js';
import { demoSecret } from '../../../src/demo/demo-tokens.js';
import { liveDemoTokens, seedDemo } from '../../../src/demo/seed.js';
import { bulkJobStarter } from '../../../src/flows/bulk-orders/workflow.js';
import { tenantPorts } from '../../../src/flows/provision-tenant/compose.js';
import { installProcessing } from '../../../src/modules/orders/app/processing-port.js';
import { startHeartbeat } from '../../../src/platform/process/heartbeat.js';
import { startWorkflowEngine } from '../../../src/platform/workflows/index.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { startTestConsole, testTenantSettings, testTenantWiring } from '../../support/tenant-wiring.js';
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

/** Options of {@link startE2E}. */
export interface E2EOptions {
  /**
   * Also run the workflow engine and a tenant console listener in this process (as
   * `test/support/http.ts` does), so tenant orders really provision; fault injection is on.
   */
  workflows?: boolean;
}

/** Starts everything a browser test needs; the caller closes it in `afterAll`. */
export async function startE2E(opts: E2EOptions = {}): Promise<E2E> {
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
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const services: AppServices = { demo: { dataDir } };
  const stops: (() => Promise<void>)[] = [];
  let url = '';
  if (opts.workflows) {
    const wiring = testTenantWiring(tdb, logger, testTenantSettings());
    const executorId = `e2e-${tdb.name}`;
    const heartbeat = await startHeartbeat(tdb.db, executorId, 'serve', logger);
    const defs = appWorkflows(tdb.db, { publicUrl: () => url || undefined }, wiring);
    const engine = await startWorkflowEngine({
      db: tdb.db,
      databaseUrl: tdb.url,
      executorId,
      applicationVersion: WORKFLOW_VERSION,
      logger,
      workers: true,
      workflows: defs.all,
    });
    installProcessing(appProcessors({ engine, ...defs }));
    services.startBulkJob = bulkJobStarter(engine, defs.bulkOrders);
    services.tenants = {
      settings: wiring.settings,
      secrets: wiring.secrets,
      cancelRun: tenantPorts(engine, defs.tenants, wiring.settings).cancelRun,
    };
    services.integrations = { pool: tdb.pool, listenUrl: tdb.url };
    const tenantConsole = await startTestConsole(tdb, wiring, executorId);
    stops.push(
      () => tenantConsole.stop(),
      () => engine.stop(),
      () => heartbeat.stop(),
    );
  }
  const app: FastifyInstance = await buildApp(tdb.db, logger, { ...services, readDb: tdb.readDb });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
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
      for (const stop of stops) await stop();
      await tdb.drop();
      await fs.rm(profile, { recursive: true, force: true });
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
