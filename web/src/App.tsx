import type { ReactNode } from 'react';
import { matchPath, useLocation } from './lib/router.js';
import { useSessionState } from './lib/session.js';
import { AgentsPage } from './pages/agents/AgentsPage.js';
import { OfferingAgentsPage } from './pages/agents/OfferingAgentsPage.js';
import { ApprovalSlaPage } from './pages/attention/ApprovalSlaPage.js';
import { NeedsAttentionPage } from './pages/attention/NeedsAttentionPage.js';
import { CataloguePage } from './pages/catalogue/CataloguePage.js';
import { OfferingEditorPage } from './pages/catalogue/OfferingEditorPage.js';
import { HomePage } from './pages/HomePage.js';
import { MarketplacePage } from './pages/marketplace/MarketplacePage.js';
import { OrderFormPage } from './pages/marketplace/OrderFormPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { OrderPage } from './pages/order/OrderPage.js';
import { MyOrdersPage } from './pages/orders/MyOrdersPage.js';
import { ProviderOrdersPage } from './pages/orders/ProviderOrdersPage.js';
import { ProviderDashboardPage } from './pages/provider/ProviderDashboardPage.js';
import { ResourcePage } from './pages/resource/ResourcePage.js';
import { ResourcesPage } from './pages/resources/ResourcesPage.js';
import { SignInPage } from './pages/SignInPage.js';
import { NotificationSettingsPage } from './pages/settings/NotificationSettingsPage.js';
import { TenantPage } from './pages/tenants/TenantPage.js';
import { TenantsPage } from './pages/tenants/TenantsPage.js';
import { Shell } from './Shell.js';
import { Loading } from './ui/DataState.js';

/** The pages, by URL pattern; the first match wins. */
const ROUTES: { pattern: string; render(p: Record<string, string>): ReactNode }[] = [
  { pattern: '/', render: () => <HomePage /> },
  { pattern: '/marketplace', render: () => <MarketplacePage /> },
  { pattern: '/marketplace/:uuid', render: (p) => <OrderFormPage offeringUuid={p.uuid ?? ''} /> },
  { pattern: '/orders', render: () => <MyOrdersPage /> },
  { pattern: '/orders/:uuid', render: (p) => <OrderPage key={p.uuid} uuid={p.uuid ?? ''} /> },
  { pattern: '/provider/dashboard', render: () => <ProviderDashboardPage /> },
  { pattern: '/provider/orders', render: () => <ProviderOrdersPage /> },
  { pattern: '/provider/catalogue', render: () => <CataloguePage /> },
  {
    pattern: '/provider/catalogue/:uuid',
    render: (p) => <OfferingEditorPage key={p.uuid} uuid={p.uuid ?? ''} />,
  },
  { pattern: '/provider/agents', render: () => <AgentsPage /> },
  { pattern: '/provider/attention', render: () => <NeedsAttentionPage /> },
  { pattern: '/provider/approval-sla', render: () => <ApprovalSlaPage /> },
  {
    pattern: '/provider/offerings/:uuid/agents',
    render: (p) => <OfferingAgentsPage key={p.uuid} uuid={p.uuid ?? ''} />,
  },
  { pattern: '/settings/notifications', render: () => <NotificationSettingsPage /> },
  { pattern: '/tenants', render: () => <TenantsPage /> },
  { pattern: '/tenants/:uuid', render: (p) => <TenantPage key={p.uuid} uuid={p.uuid ?? ''} /> },
  { pattern: '/resources', render: () => <ResourcesPage view="consumer" /> },
  { pattern: '/provider/resources', render: () => <ResourcesPage key="provider" view="provider" /> },
  { pattern: '/resources/:uuid', render: (p) => <ResourcePage key={p.uuid} uuid={p.uuid ?? ''} /> },
];

/** Sign-in gate, then the page of the current URL inside the shell. */
export function App() {
  const { state } = useSessionState();
  const { pathname } = useLocation();
  if (state.status === 'checking') {
    return (
      <main className="signin-wrap">
        <Loading label="Signing you in…" />
      </main>
    );
  }
  if (state.status === 'anonymous') return <SignInPage notice={state.notice} />;
  for (const r of ROUTES) {
    const params = matchPath(r.pattern, pathname);
    if (params) return <Shell>{r.render(params)}</Shell>;
  }
  return (
    <Shell>
      <NotFoundPage />
    </Shell>
  );
}
