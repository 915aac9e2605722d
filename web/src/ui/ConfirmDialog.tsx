import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { InlineError } from './DataState.js';
import { Dialog } from './Dialog.js';

/** What a confirmation asks for besides "Yes". */
export interface ConfirmSpec {
  title: string;
  /** Paragraphs explaining the effect (seed and spec texts). */
  body: ReactNode;
  /** The server's (or the guide's) warning, shown highlighted. */
  warning?: string | undefined;
  /** A reason field: its label and whether it is mandatory. */
  reason?: { label: string; required: boolean; hint?: string } | undefined;
  /** Typed confirmation: the user must type exactly this (e.g. the resource name). */
  typeToConfirm?: string | undefined;
  confirmLabel: string;
  danger?: boolean;
}

/** A confirmation dialog whose confirm button runs the action and shows the server's error inline. */
export function ConfirmDialog({
  spec,
  onConfirm,
  onClose,
}: {
  spec: ConfirmSpec;
  onConfirm(reason: string): Promise<void>;
  onClose(): void;
}) {
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formId = useId();
  const reasonId = useId();
  const typedId = useId();
  const missingReason = spec.reason?.required === true && reason.trim() === '';
  const typedOk = spec.typeToConfirm === undefined || typed === spec.typeToConfirm;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (missingReason || !typedOk || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onConfirm(reason.trim());
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={spec.title}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button
            type="submit"
            form={formId}
            className={spec.danger ? 'btn btn-danger' : 'btn btn-primary'}
            disabled={busy || missingReason || !typedOk}
          >
            {busy ? 'Working…' : spec.confirmLabel}
          </button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} className="stack">
        <div className="dialog-text">{spec.body}</div>
        {spec.warning && (
          <p className="callout callout-warning" role="note">
            <strong>Warning: </strong>
            {spec.warning}
          </p>
        )}
        {spec.reason && (
          <div className="field">
            <label htmlFor={reasonId}>
              {spec.reason.label}
              {spec.reason.required ? ' (required)' : ' (optional)'}
            </label>
            <textarea
              id={reasonId}
              value={reason}
              rows={3}
              maxLength={2000}
              required={spec.reason.required}
              onChange={(e) => setReason(e.target.value)}
            />
            {spec.reason.hint && <p className="hint">{spec.reason.hint}</p>}
          </div>
        )}
        {spec.typeToConfirm !== undefined && (
          <div className="field">
            <label htmlFor={typedId}>
              Type <strong className="mono">{spec.typeToConfirm}</strong> to confirm
            </label>
            <input
              id={typedId}
              value={typed}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setTyped(e.target.value)}
            />
          </div>
        )}
        <InlineError error={error} />
      </form>
    </Dialog>
  );
}
