import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../api/client.js';
import { useSessionState } from '../lib/session.js';
import { useLoad } from '../lib/useLoad.js';
import { usePageTitle } from '../lib/usePageTitle.js';
import { InlineError } from '../ui/DataState.js';

/** Sign-in with an API token; the demo accounts are listed when the server runs with demo data. */
export function SignInPage({ notice }: { notice?: string | undefined }) {
  usePageTitle('Sign in');
  const { signIn } = useSessionState();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const demo = useLoad(() => unwrap(api.GET('/api/demo-users/')), []);

  const go = async (value: string) => {
    setBusy(true);
    setError(null);
    try {
      await signIn(value.trim());
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (token.trim()) void go(token);
  };

  const users = demo.status === 'ready' ? demo.data : [];
  return (
    <main className="signin-wrap" id="main">
      <section className="card signin-card" aria-labelledby="signin-title">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          Orderly
        </div>
        <h1 id="signin-title">Sign in</h1>
        <p className="muted">Marketplace orders and resources. Sign in with your API token.</p>
        {notice && (
          <p className="callout callout-info" role="status">
            {notice}
          </p>
        )}
        <form onSubmit={submit} className="stack">
          <div className="field">
            <label htmlFor="token">API token</label>
            <input
              id="token"
              type="password"
              autoComplete="current-password"
              value={token}
              onChange={(e) => setToken(e.target.value)}
              required
            />
            <p className="hint">Find it in your profile, or ask your administrator.</p>
          </div>
          <InlineError error={error} />
          <button type="submit" className="btn btn-primary" disabled={busy || !token.trim()}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </section>
      {users.length > 0 && (
        <section className="card signin-card" aria-labelledby="demo-title">
          <h2 id="demo-title">Demo users</h2>
          <p className="muted">This server runs with demo data. Sign in as one of these people:</p>
          <ul className="demo-list">
            {users.map((u) => (
              <li key={u.username}>
                <div>
                  <strong>{u.full_name}</strong> <span className="mono muted">{u.username}</span>
                  <div className="muted small">{u.description}</div>
                </div>
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={busy}
                  aria-label={`Sign in as ${u.full_name}`}
                  onClick={() => void go(u.token)}
                >
                  Sign in
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
