import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, setApiToken, UNAUTHORIZED_EVENT, unwrap } from '../api/client.js';
import type { Customer, Me } from '../api/types.js';
import { type Access, accessOf } from './access.js';
import { setCurrency } from './format.js';

const STORAGE_KEY = 'orderly.token';

/** The signed-in person: who they are and what their grants open in the navigation. */
export interface Session {
  me: Me;
  access: Access;
  signOut(): void;
}

type State =
  | { status: 'checking' }
  | { status: 'anonymous'; notice?: string }
  | { status: 'signed-in'; me: Me; access: Access };

interface SessionApi {
  state: State;
  signIn(token: string): Promise<void>;
  signOut(notice?: string): void;
}

const SessionContext = createContext<SessionApi | null>(null);

async function loadSession(token: string): Promise<{ me: Me; access: Access }> {
  setApiToken(token);
  const me = await unwrap(api.GET('/api/users/me/'));
  // Organizations decide whether the provider dashboard is shown (is_service_provider).
  const [customers, configuration]: [Customer[], { WALDUR_CORE: { CURRENCY_NAME: string } }] =
    await Promise.all([
      unwrap(api.GET('/api/customers/', { params: { query: { page_size: 300 } } })),
      unwrap(api.GET('/api/configuration/')),
    ]);
  setCurrency(configuration.WALDUR_CORE.CURRENCY_NAME);
  setApiToken(token, true);
  return { me, access: accessOf(me, customers) };
}

/** Holds the token (in localStorage), the caller and their access; signs out on a refused token. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>(() =>
    localStorage.getItem(STORAGE_KEY) ? { status: 'checking' } : { status: 'anonymous' },
  );

  const signOut = useCallback((notice?: string) => {
    localStorage.removeItem(STORAGE_KEY);
    setApiToken(null);
    setState(notice ? { status: 'anonymous', notice } : { status: 'anonymous' });
  }, []);

  const signIn = useCallback(async (token: string) => {
    try {
      const s = await loadSession(token);
      localStorage.setItem(STORAGE_KEY, token);
      setState({ status: 'signed-in', ...s });
    } catch (e) {
      setApiToken(null);
      throw e;
    }
  }, []);

  useEffect(() => {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved)
      signIn(saved).catch(() => signOut('Your saved sign-in is no longer valid. Please sign in again.'));
  }, [signIn, signOut]);

  useEffect(() => {
    const onUnauthorized = () => signOut('Your session has ended. Please sign in again.');
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  }, [signOut]);

  const value = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The raw session state and the sign-in / sign-out functions. */
export function useSessionState(): SessionApi {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSessionState outside SessionProvider');
  return ctx;
}

/** The signed-in session (pages behind sign-in only). */
export function useSession(): Session {
  const { state, signOut } = useSessionState();
  if (state.status !== 'signed-in') throw new Error('useSession without a signed-in user');
  return { me: state.me, access: state.access, signOut: () => signOut() };
}
