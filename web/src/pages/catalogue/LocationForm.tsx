import { type FormEvent, useId, useState } from 'react';
import { api, unwrap } from '../../api/client.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { InlineError } from '../../ui/DataState.js';
import { useNotify } from '../../ui/Toasts.js';
import type { Offering } from './catalogueTypes.js';

/** Latitude and longitude of the offering (`update_location`: both or nothing). */
export function LocationForm({
  offering,
  canEdit,
  onSaved,
}: {
  offering: Offering;
  canEdit: boolean;
  onSaved(): void;
}) {
  const notify = useNotify();
  const ids = { title: useId(), lat: useId(), lon: useId() };
  const [lat, setLat] = useState(offering.latitude === null ? '' : String(offering.latitude));
  const [lon, setLon] = useState(offering.longitude === null ? '' : String(offering.longitude));
  const { busy, error, run } = useSubmit();
  const complete = lat.trim() !== '' && lon.trim() !== '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!complete) return;
    await run(async () => {
      await unwrap(
        api.POST('/api/marketplace-provider-offerings/{uuid}/update_location/', {
          params: { path: { uuid: offering.uuid } },
          body: { latitude: Number(lat), longitude: Number(lon) },
        }),
      );
      notify('Location has been saved.');
      onSaved();
    });
  };

  return (
    <section className="card" aria-labelledby={ids.title}>
      <h2 id={ids.title}>Location</h2>
      <form onSubmit={submit} className="catalogue-form">
        <div className="field">
          <label htmlFor={ids.lat}>Latitude</label>
          <input
            id={ids.lat}
            type="number"
            step="any"
            min={-90}
            max={90}
            value={lat}
            disabled={!canEdit}
            onChange={(e) => setLat(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.lon}>Longitude</label>
          <input
            id={ids.lon}
            type="number"
            step="any"
            min={-180}
            max={180}
            value={lon}
            disabled={!canEdit}
            onChange={(e) => setLon(e.target.value)}
          />
        </div>
        <InlineError error={error} />
        {canEdit && (
          <div className="form-actions">
            <button type="submit" className="btn" disabled={busy || !complete}>
              {busy ? 'Saving…' : 'Save location'}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}
