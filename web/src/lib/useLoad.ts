import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';

/** Where a load stands: every page renders all three. */
export type Loaded<T> =
  | { status: 'loading'; data: T | undefined }
  | { status: 'error'; error: unknown; data: T | undefined }
  | { status: 'ready'; data: T };

/**
 * Runs `load` when `deps` change and on `reload()`. A newer run wins over an older one still in
 * flight, so typing in a filter never shows stale rows. `data` keeps the last result while reloading.
 */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> & { reload: () => void } {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading', data: undefined });
  const [tick, setTick] = useState(0);
  const run = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `deps` are the caller's inputs of `load`.
  useEffect(() => {
    const id = ++run.current;
    setState((s) => ({ status: 'loading', data: s.data }));
    load().then(
      (data) => {
        if (id === run.current) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (id === run.current) setState((s) => ({ status: 'error', error, data: s.data }));
      },
    );
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
