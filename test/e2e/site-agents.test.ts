import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, startE2E } from './support/harness.js';

// Browser tests: a real Orderly with the demo data (one registered site agent on the Slurm
// offering) on its own database, driven in Chromium.
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
}, 300_000);
afterAll(async () => {
  await e2e?.close();
});

interface Identity {
  uuid: string;
  name: string;
}

describe('site agents in the browser', { timeout: 120_000 }, () => {
  it('the offering manager sees the agent, its services, processors and logs, and new registrations on refresh', async () => {
    const w = await e2e.page();
    await w.signIn('Olga Offering-Manager');
    await w.nav('Agents');
    await w.page.getByRole('heading', { name: 'Site agents' }).waitFor();
    await w.page.getByRole('link', { name: 'Nordic HPC Cluster' }).click();
    await w.page.getByRole('heading', { name: 'Agents of Nordic HPC Cluster' }).waitFor();
    expect(w.page.url()).toMatch(/\/provider\/offerings\/[0-9a-f]{32}\/agents$/);
    await w.page
      .getByTestId('last-seen')
      .getByText(/^Last seen /)
      .waitFor();

    const identities = w.page.getByRole('table', { name: 'Agent identities' });
    const row = identities.getByRole('row', { name: /agent-/ });
    await row.getByText('order_process').waitFor();
    await row.getByText('Active', { exact: true }).waitFor();
    await row.getByText('0.7.0').waitFor();
    const processors = w.page.getByRole('table', { name: 'Agent processors' });
    const proc = processors.getByRole('row', { name: /OfferingOrderProcessor/ });
    await proc.getByText('23.11.4').waitFor();
    await proc.getByText('waldur_site_agent_slurm.backend.SlurmBackend').waitFor();
    const logs = w.page.getByRole('table', { name: 'Agent logs' });
    await logs.getByText('sacctmgr answered slowly (4.2 s)').waitFor();
    await logs.getByText('WARNING').waitFor();
    await w.screenshot('provider-site-agents', true);

    // The agent registers its reporting service and ships a log line; Refresh shows both.
    const [identity] = await e2e.api<Identity[]>('olga', 'GET', '/api/marketplace-site-agent-identities/');
    expect(identity?.name).toMatch(/^agent-/);
    const svc = await e2e.api<{ uuid: string }>(
      'olga',
      'POST',
      `/api/marketplace-site-agent-identities/${identity?.uuid}/register_service/`,
      { name: 'report', mode: 'report' },
    );
    await e2e.api('olga', 'POST', `/api/marketplace-site-agent-services/${svc.uuid}/register_processor/`, {
      name: 'OfferingReportProcessor',
      backend_type: 'waldur_site_agent_slurm.backend.SlurmBackend',
      backend_version: '23.11.4',
    });
    await e2e.api('olga', 'POST', '/api/marketplace-site-agent-logs/', [
      {
        agent_identity_uuid: identity?.uuid,
        timestamp: Date.now() / 1000,
        level: 'ERROR',
        message: 'usage report for hpc_genomics failed',
        module: 'waldur_site_agent.report',
      },
    ]);
    await w.page.getByRole('button', { name: 'Refresh' }).click();
    await row.getByText('report', { exact: true }).waitFor();
    await processors.getByRole('row', { name: /OfferingReportProcessor/ }).waitFor();
    await logs.getByText('usage report for hpc_genomics failed').waitFor();
    await w.expectCleanAndClose();
  });

  it('a consumer has no Agents link and cannot open another organization’s agents', async () => {
    const [offering] = await e2e.api<{ uuid: string }[]>(
      'paula',
      'GET',
      '/api/marketplace-provider-offerings/?name=Nordic%20HPC%20Cluster',
    );
    const w = await e2e.page();
    await w.signIn('Alice Owner');
    const agentsLink = w.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agents' });
    expect(await agentsLink.count()).toBe(0);
    w.expectHttpError(404, `/api/marketplace-provider-offerings/${offering?.uuid}/`);
    await w.goto(`/provider/offerings/${offering?.uuid}/agents`);
    await w.page
      .getByRole('alert')
      .getByText(/your roles do not let you see it/)
      .waitFor();
    await w.expectCleanAndClose();
  });
});
