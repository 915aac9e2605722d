import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../../api/problem.js';
import { InlineError, Loading } from '../../ui/DataState.js';
import { useNotify } from '../../ui/Toasts.js';

/** An approval SLA as the API has it. */
export interface Sla {
  escalate_after_hours: number | null;
  daily_digest: boolean;
}

/**
 * The approval SLA of one scope (an organization or an offering): hours before escalation (empty:
 * never) and the daily digest. A caller without the permission sees who may change it instead.
 */
export function SlaForm({
  title,
  load,
  save,
}: {
  title: string;
  load(): Promise<Sla>;
  save(s: Sla): Promise<Sla>;
}) {
  const notify = useNotify();
  const hoursId = useId();
  const digestId = useId();
  const [hours, setHours] = useState('');
  const [digest, setDigest] = useState(false);
  const [state, setState] = useState<'loading' | 'ready' | 'denied'>('loading');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const edited = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: loads once per scope; `load` is a fresh closure each render.
  useEffect(() => {
    load().then(
      (s) => {
        // A load that answers after the person started typing must not wipe what they typed.
        if (!edited.current) {
          setHours(s.escalate_after_hours === null ? '' : String(s.escalate_after_hours));
          setDigest(s.daily_digest);
        }
        setState('ready');
      },
      (e: unknown) => {
        if (e instanceof ApiError && (e.status === 403 || e.status === 404)) setState('denied');
        else setError(e);
      },
    );
  }, [title]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await save({ escalate_after_hours: hours.trim() === '' ? null : Number(hours), daily_digest: digest });
      notify(`Approval SLA of ${title} saved.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  if (state === 'denied')
    return <p className="muted">{title}: only its owners (or offering managers) and staff change this.</p>;
  if (state === 'loading' && !error) return <Loading label={`Loading ${title}…`} />;
  return (
    <form className="stack" onSubmit={submit} aria-label={`Approval SLA of ${title}`}>
      <h3>{title}</h3>
      <div className="field">
        <label htmlFor={hoursId}>Escalate after (hours; empty: never)</label>
        <input
          id={hoursId}
          style={{ maxWidth: '12rem' }}
          type="number"
          min={1}
          max={8760}
          inputMode="numeric"
          value={hours}
          onChange={(e) => {
            edited.current = true;
            setHours(e.target.value);
          }}
        />
        <p className="hint">To the provider owners after this long, to staff after twice as long.</p>
      </div>
      <div className="field-check" style={{ alignSelf: 'start' }}>
        <input
          id={digestId}
          type="checkbox"
          checked={digest}
          onChange={(e) => {
            edited.current = true;
            setDigest(e.target.checked);
          }}
        />
        <label htmlFor={digestId}>Daily digest instead of one e-mail per order</label>
      </div>
      <InlineError error={error} />
      <div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
