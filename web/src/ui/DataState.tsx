import type { ReactNode } from 'react';
import { ApiError, describeError } from '../api/problem.js';
import { Link } from '../lib/router.js';

/** A polite "Loading …" placeholder. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state-box" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

/** A failed load, in words, with a way to try again; a missing object offers the way back instead. */
export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (error instanceof ApiError && error.status === 404) {
    return (
      <div className="state-box state-error" role="alert">
        <p>{describeError(error)}</p>
        <p>It may have been removed, or your roles do not let you see it.</p>
        <div className="row-actions">
          <button type="button" className="btn" onClick={() => window.history.back()}>
            Go back
          </button>
          <Link to="/" className="btn">
            Home
          </Link>
        </div>
      </div>
    );
  }
  return (
    <div className="state-box state-error" role="alert">
      <p>{describeError(error)}</p>
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Nothing to show, and why. */
export function Empty({ children }: { children: ReactNode }) {
  return <div className="state-box state-empty">{children}</div>;
}

/** An inline error under a form or inside a dialog. */
export function InlineError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p className="inline-error" role="alert">
      {describeError(error)}
    </p>
  );
}
