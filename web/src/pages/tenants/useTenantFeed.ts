import { useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../../api/client.js';
import type { TenantEvent } from '../../api/types.js';

/** Seconds the server holds a long poll open when nothing has happened. */
const WAIT_S = 25;
const BACKOFF_MS = [1000, 2000, 5000, 10_000, 30_000];

/**
 * The tenant's audit feed, live. The SSE stream (`…/events/stream/`) only accepts the
 * `Authorization` header, which `EventSource` cannot send, and takes no stream ticket; so the page
 * long-polls `GET …/events/?after=<sequence>&wait=25` (the spec's fallback) through the typed
 * client, backing off after errors. Events are kept by `sequence`, so none is shown twice.
 * `onNew` runs after each batch of new events (the page reloads the tenant and its runs).
 */
export function useTenantFeed(uuid: string, onNew: () => void): { events: TenantEvent[]; error: boolean } {
  const [events, setEvents] = useState<TenantEvent[]>([]);
  const [error, setError] = useState(false);
  const notify = useRef(onNew);
  notify.current = onNew;
  useEffect(() => {
    let stopped = false;
    let after = 0;
    let failures = 0;
    let first = true;
    let timer: number | undefined;
    const seen = new Set<number>();
    const controller = new AbortController();
    const tick = async () => {
      try {
        const batch = await unwrap(
          api.GET('/api/tenants/{uuid}/events/', {
            params: { path: { uuid }, query: { after, wait: first ? 0 : WAIT_S } },
            signal: controller.signal,
          }),
        );
        if (stopped) return;
        failures = 0;
        first = false;
        setError(false);
        const fresh = batch.filter((e) => !seen.has(e.sequence));
        for (const e of fresh) {
          seen.add(e.sequence);
          after = Math.max(after, e.sequence);
        }
        if (fresh.length > 0) {
          setEvents((old) => [...old, ...fresh].sort((a, b) => a.sequence - b.sequence));
          notify.current();
        }
        timer = window.setTimeout(tick, 0);
      } catch {
        if (stopped) return;
        setError(true);
        const delay = BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)] ?? 30_000;
        failures += 1;
        timer = window.setTimeout(tick, delay);
      }
    };
    void tick();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [uuid]);
  return { events, error };
}
