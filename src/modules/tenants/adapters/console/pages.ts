/** A console response. */
export interface ConsolePage {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const page = (
  status: number,
  title: string,
  body: string,
  headers: Record<string, string> = {},
): ConsolePage => ({
  status,
  headers,
  body: `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
});

/**
 * The tenant admin console's pages: the console itself (what readiness checks), its sign-in page,
 * and the one-time setup link. The tenant product behind it is out of Orderly's scope; these pages
 * prove the tenant is reachable over its own certificate.
 */
export function renderConsolePage(path: string, tenant: string | undefined, setupOk: boolean): ConsolePage {
  if (!tenant) return page(404, 'Unknown tenant', '<p>No tenant is served under this name.</p>');
  if (path === '/admin' || path === '/admin/') {
    return page(200, `${tenant}: admin console`, '<p><a href="/admin/login/">Sign in</a></p>');
  }
  if (path === '/admin/login/')
    return page(200, `${tenant}: sign in`, '<form method="post"><input name="username"></form>');
  if (path === '/admin/setup/') {
    return setupOk
      ? page(
          200,
          `${tenant}: welcome`,
          '<p>Your admin account is set up. This link cannot be used again.</p>',
        )
      : page(410, `${tenant}: link expired`, '<p>This setup link was used or has expired.</p>');
  }
  if (path === '/') return page(302, 'Moved', '', { location: '/admin/' });
  return page(404, 'Not found', '');
}
