import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  emptyDatabase,
  freePort,
  killGroup,
  type Spawned,
  spawnGroup,
  waitReady,
} from '../support/process.js';
import { waitFor } from '../workflows/helpers.js';

const running: Spawned[] = [];
const drops: (() => Promise<void>)[] = [];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderly-demo-'));
afterAll(async () => {
  for (const s of running) killGroup(s);
  await Promise.all(running.map((s) => s.exited));
  for (const d of drops) await d();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the demo', () => {
  it('lets a demo user order a tenant from the Orderly Tenant offering, which provisions; fault injection is on', {
    timeout: 180_000,
  }, async () => {
    const db = await emptyDatabase();
    drops.push(db.drop);
    const port = await freePort();
    const s = spawnGroup('node', ['bin/orderly.js', 'serve'], {
      DATABASE_URL: db.url,
      ORDERLY_DEMO: '1',
      PORT: String(port),
      ORDERLY_DATA_DIR: dataDir,
    });
    running.push(s);
    const base = `http://127.0.0.1:${port}`;
    await waitReady(`${base}/readyz`, s, 120_000);
    const users = (await (await fetch(`${base}/api/demo-users/`)).json()) as {
      username: string;
      token: string;
    }[];
    const token = (name: string) => users.find((u) => u.username === name)?.token ?? '';
    const call = async <T>(method: string, url: string, who: string, body?: unknown) => {
      const r = await fetch(`${base}${url}`, {
        method,
        headers: {
          authorization: `Token ${token(who)}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: r.status, body: (await r.json()) as T };
    };
    const offerings = await call<{ uuid: string; name: string; plans: { uuid: string }[] }[]>(
      'GET',
      '/api/marketplace-public-offerings/?page_size=50',
      'alice',
    );
    const tenant = offerings.body.find((o) => o.name === 'Orderly Tenant');
    expect(tenant).toBeDefined();
    const projects = await call<{ uuid: string; name: string }[]>(
      'GET',
      '/api/projects/?page_size=50',
      'alice',
    );
    const genomics = projects.body.find((p) => p.name === 'Genomics');
    const order = await call<{ uuid: string; state: string }>('POST', '/api/marketplace-orders/', 'alice', {
      project: `${base}/api/projects/${genomics?.uuid}/`,
      offering: `${base}/api/marketplace-public-offerings/${tenant?.uuid}/`,
      plan: `${base}/api/marketplace-public-offerings/${tenant?.uuid}/plans/${tenant?.plans[0]?.uuid}/`,
      attributes: { name: 'Aurora lab', slug: 'aurora-lab', admin_email: 'lab-admin@aurora.example' },
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    const active = await waitFor(
      'the demo tenant to be Active',
      async () => {
        const l = await call<{ state: string; admin_console_url: string | null }[]>(
          'GET',
          '/api/tenants/?slug=aurora-lab',
          'alice',
        );
        return l.body[0]?.state === 'Active' ? l.body[0] : undefined;
      },
      60_000,
    );
    expect(active.admin_console_url).toMatch(/^https:\/\/aurora-lab\.tenants\.localhost:\d+\/admin\/$/);
    expect((await call('GET', '/api/provisioning-faults/', 'staff')).status).toBe(200);
  });
});
