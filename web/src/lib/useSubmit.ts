import { useState } from 'react';

/** What {@link useSubmit} gives a form: whether a submission runs, its error, and the runner. */
export interface Submission {
  busy: boolean;
  /** The last submission's error (for `InlineError`); cleared when the next one starts. */
  error: unknown;
  /** Runs `work` unless one is already running (a double click submits once). */
  run(work: () => Promise<void>): Promise<void>;
}

/** One submission at a time for a form or dialog, with its error kept for display. */
export function useSubmit(): Submission {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (work: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
