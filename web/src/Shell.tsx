import type { ReactNode } from 'react';
import { Link, useLocation } from './lib/router.js';
import { useSession } from './lib/session.js';

interface NavItem {
  to: string;
  label: string;
  show: boolean;
}

/** Header with the navigation the caller's grants open, the user and sign-out; then the page. */
export function Shell({ children }: { children: ReactNode }) {
  const { me, access, signOut } = useSession();
  const { pathname } = useLocation();
  const items: NavItem[] = [
    { to: '/', label: 'Home', show: true },
    { to: '/marketplace', label: 'Marketplace', show: access.consumer },
    { to: '/orders', label: 'My orders', show: access.consumer },
    { to: '/resources', label: 'My resources', show: access.consumer },
    { to: '/tenants', label: 'Tenants', show: true },
    { to: '/provider/orders', label: 'Provider orders', show: access.providers.length > 0 },
    { to: '/provider/resources', label: 'Provider resources', show: access.providers.length > 0 },
    { to: '/provider/agents', label: 'Agents', show: access.providers.length > 0 },
    {
      to: '/provider/attention',
      label: 'Needs attention',
      show: access.providers.length > 0 || access.isStaff,
    },
  ];
  // Only list pages are marked current: an order page can be reached from either list.
  const active = (to: string) => pathname === to;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand" aria-label="Orderly home">
          <span className="brand-mark" aria-hidden="true" />
          Orderly
        </Link>
        <nav aria-label="Main" className="mainnav">
          {items
            .filter((i) => i.show)
            .map((i) => (
              <Link key={i.to} to={i.to} aria-current={active(i.to) ? 'page' : undefined}>
                {i.label}
              </Link>
            ))}
        </nav>
        <div className="userbox">
          <span className="username" title={access.roles.join('\n')}>
            {me.full_name || me.username}
            {me.is_staff && <span className="tag tag-staff">staff</span>}
          </span>
          <button type="button" className="btn btn-small" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
