import type { ReactNode } from 'react';
import { Link, useLocation } from './lib/router.js';
import { useSession } from './lib/session.js';

interface NavItem {
  to: string;
  /** What the link shows; inside the provider group the group name is implied ("Orders"). */
  label: string;
  /** The link's accessible name when it differs from the label ("Provider orders"). */
  name?: string;
  show: boolean;
}

/** Header with the navigation the caller's grants open, the user and sign-out; then the page. */
export function Shell({ children }: { children: ReactNode }) {
  const { me, access, signOut } = useSession();
  const { pathname } = useLocation();
  const provider = access.providers.length > 0;
  const mine: NavItem[] = [
    // Home is the brand link at the left, as on most sites.
    { to: '/marketplace', label: 'Marketplace', show: access.consumer },
    { to: '/orders', label: 'My orders', show: access.consumer },
    { to: '/resources', label: 'My resources', show: access.consumer },
    { to: '/tenants', label: 'Tenants', show: true },
  ];
  // The provider's pages form a labelled group, so the bar stays one short line at desktop widths.
  const providing: NavItem[] = [
    { to: '/provider/dashboard', label: 'Dashboard', name: 'Provider dashboard', show: provider },
    { to: '/provider/orders', label: 'Orders', name: 'Provider orders', show: provider },
    { to: '/provider/resources', label: 'Resources', name: 'Provider resources', show: provider },
    { to: '/provider/catalogue', label: 'Catalogue', name: 'Provider catalogue', show: provider },
    { to: '/provider/agents', label: 'Agents', show: provider },
    { to: '/provider/attention', label: 'Needs attention', show: provider || access.isStaff },
  ].filter((i) => i.show);
  // Only list pages are marked current: an order page can be reached from either list.
  const active = (to: string) => pathname === to;
  const link = (i: NavItem) => (
    <Link key={i.to} to={i.to} aria-label={i.name} aria-current={active(i.to) ? 'page' : undefined}>
      {i.label}
    </Link>
  );
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
          {mine.filter((i) => i.show).map(link)}
          {providing.length > 0 && (
            <span className="nav-group">
              <span className="nav-group-label" aria-hidden="true">
                Provider
              </span>
              {providing.map(link)}
            </span>
          )}
        </nav>
        <div className="userbox">
          <span className="username" title={access.roles.join('\n')}>
            {me.full_name || me.username}
            {me.is_staff && <span className="tag tag-staff">staff</span>}
          </span>
          <Link to="/settings/notifications" className="btn btn-small" aria-label="E-mail settings">
            E-mails
          </Link>
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
