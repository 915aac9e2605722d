import { useState } from 'react';
import { NOTIFICATION_KIND_DESCRIPTIONS as NOTIFICATION_KINDS } from '../../../../src/modules/notifications/domain/kind-descriptions.js';
import { api, unwrap } from '../../api/client.js';
import { describeError } from '../../api/problem.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { ErrorBox, Loading } from '../../ui/DataState.js';
import { useNotify } from '../../ui/Toasts.js';

type NotificationKind = keyof typeof NOTIFICATION_KINDS;
type Settings = Record<NotificationKind, boolean>;
const KIND_LIST = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];

/**
 * The caller's e-mail settings: one switch per kind of e-mail Orderly sends, with who gets it. A
 * switch saves at once; an e-mail turned off is still listed in the outbox as skipped.
 */
export function NotificationSettingsPage() {
  usePageTitle('E-mail settings');
  const notify = useNotify();
  const settings = useLoad(
    () => unwrap(api.GET('/api/users/me/notification-settings/')) as Promise<Settings>,
    [],
  );
  const [saving, setSaving] = useState<NotificationKind | null>(null);
  // The switch moves at once; the server's answer (or, on failure, the old value) then replaces it.
  const [shown, setShown] = useState<Settings | null>(null);
  const s = shown ?? settings.data;
  const toggle = async (kind: NotificationKind, on: boolean) => {
    if (!s) return;
    const old = s;
    setShown({ ...s, [kind]: on });
    setSaving(kind);
    try {
      const saved = await unwrap(api.PATCH('/api/users/me/notification-settings/', { body: { [kind]: on } }));
      setShown(saved as Settings);
      notify(`${on ? 'Turned on' : 'Turned off'}: ${NOTIFICATION_KINDS[kind]}`);
    } catch (e) {
      setShown(old);
      notify(describeError(e), 'error');
    } finally {
      setSaving(null);
    }
  };
  return (
    <div className="stack">
      <header className="page-head">
        <div>
          <h1>E-mail settings</h1>
          <p className="muted">
            Which e-mails you get. Turned-off e-mails are not sent; they stay in the outbox marked as skipped,
            so nothing is lost from the record.
          </p>
        </div>
      </header>
      {settings.status === 'error' && <ErrorBox error={settings.error} onRetry={settings.reload} />}
      {!s ? (
        settings.status === 'loading' && <Loading label="Loading your settings…" />
      ) : (
        <fieldset className="card stack">
          <legend className="sr-only">E-mails</legend>
          {KIND_LIST.map((kind) => (
            <label key={kind} className="field-check">
              <input
                type="checkbox"
                checked={s[kind]}
                disabled={saving !== null}
                onChange={(e) => void toggle(kind, e.target.checked)}
              />
              <span>{NOTIFICATION_KINDS[kind]}</span>
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}
