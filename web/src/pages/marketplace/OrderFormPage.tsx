import { type FormEvent, useState } from 'react';
import { validateAttributes } from '../../../../src/modules/orders/domain/order-options.js';
import { api, unwrap } from '../../api/client.js';
import { ApiError } from '../../api/problem.js';
import type { PublicOffering } from '../../api/types.js';
import { offeringTypeLabel } from '../../lib/format.js';
import { Link, navigate } from '../../lib/router.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { ErrorBox, InlineError, Loading } from '../../ui/DataState.js';
import { SelectField } from '../../ui/SelectField.js';
import { useNotify } from '../../ui/Toasts.js';
import {
  AttributeFields,
  attributeValues,
  declaredAttributes,
  initialAttributes,
} from './AttributeFields.js';
import { CostEstimate } from './CostEstimate.js';
import { LimitFields } from './LimitFields.js';
import { PreflightPanel } from './PreflightPanel.js';

async function loadForm(uuid: string) {
  const [offering, projects] = await Promise.all([
    unwrap(api.GET('/api/marketplace-public-offerings/{uuid}/', { params: { path: { uuid } } })),
    unwrap(api.GET('/api/projects/', { params: { query: { page_size: 300 } } })),
  ]);
  return { offering, projects };
}

function initialLimits(o: PublicOffering): Record<string, string> {
  return Object.fromEntries(
    o.components.filter((c) => c.billing_type === 'limit').map((c) => [c.type, String(c.min_value ?? 0)]),
  );
}

/** Problems per declared attribute, from `/body/attributes/<key>` pointers or "attributes › <key>" fields. */
function attributeErrors(problems: { key: string; detail: string }[]): Record<string, string> {
  return Object.fromEntries(problems.map((p) => [p.key, p.detail]));
}

/** The order form: project, plan, limits and attributes, with a live cost estimate. */
export function OrderFormPage({ offeringUuid }: { offeringUuid: string }) {
  const form = useLoad(() => loadForm(offeringUuid), [offeringUuid]);
  const notify = useNotify();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [comment, setComment] = useState('');
  const [project, setProject] = useState('');
  const [plan, setPlan] = useState('');
  const [limits, setLimits] = useState<Record<string, string> | null>(null);
  const [attrValues, setAttrValues] = useState<Record<string, unknown> | null>(null);
  const [attrErrors, setAttrErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  usePageTitle(form.data ? `Order ${form.data.offering.name}` : 'New order');
  if (!form.data) {
    if (form.status === 'error') return <ErrorBox error={form.error} onRetry={form.reload} />;
    return <Loading label="Loading the offering…" />;
  }
  const { offering, projects } = form.data;
  const plans = offering.plans.filter((p) => p.is_active && !p.archived);
  const chosenPlan = plans.find((p) => p.uuid === plan) ?? plans[0];
  const chosenProject = projects.find((p) => p.uuid === project) ?? projects[0];
  const limitText = limits ?? initialLimits(offering);
  const attrs = declaredAttributes(offering.options);
  const attrText = attrValues ?? initialAttributes(attrs);
  const numbers = Object.fromEntries(
    Object.entries(limitText).map(([k, v]) => [k, Number.isFinite(Number(v)) && v !== '' ? Number(v) : 0]),
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosenProject || busy) return;
    const declared = attributeValues(attrs, attrText);
    // The same check the server runs (required, types, choices), so the fields say it first.
    const local = validateAttributes(offering.options, { name: name.trim(), ...declared }).map((e) => ({
      key: e.pointer.replace('/body/attributes/', ''),
      detail: e.detail,
    }));
    setAttrErrors(attributeErrors(local));
    if (local.length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const order = await unwrap(
        api.POST('/api/marketplace-orders/', {
          body: {
            project: chosenProject.url,
            offering: offering.url,
            ...(chosenPlan ? { plan: chosenPlan.url } : {}),
            attributes: {
              ...declared,
              name: name.trim(),
              ...(description.trim() ? { description: description.trim() } : {}),
            },
            limits: numbers,
            accepting_terms_of_service: true,
            ...(comment.trim() ? { request_comment: comment.trim() } : {}),
          },
        }),
      );
      notify('Order has been submitted.');
      navigate(`/orders/${order.uuid}`);
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) {
        const fields = err.fields.filter((f) => f.field.startsWith('attributes › '));
        setAttrErrors(
          attributeErrors(
            fields.map((f) => ({ key: f.field.replace('attributes › ', ''), detail: f.detail })),
          ),
        );
        // Every problem is on a field: say so once here rather than repeat each one.
        if (fields.length > 0 && fields.length === err.fields.length)
          setError(new Error('Some details need correcting: see the fields above.'));
      }
      setBusy(false);
    }
  };

  return (
    <div className="stack">
      <header className="page-head">
        <div>
          <p className="eyebrow">
            <Link to="/marketplace">Marketplace</Link> · {offering.customer_name} ·{' '}
            {offeringTypeLabel(offering.type)}
          </p>
          <h1>Order {offering.name}</h1>
          <p className="muted">{offering.description}</p>
        </div>
      </header>
      {projects.length === 0 ? (
        <ErrorBox
          error={new Error('You have no project to order for. Ask an organization owner to add you to one.')}
        />
      ) : (
        <div className="form-layout">
          <form className="card stack" onSubmit={submit} aria-label="Order form" noValidate>
            <div className="field">
              <label htmlFor="resource-name">Resource name (required)</label>
              <input
                id="resource-name"
                value={name}
                maxLength={150}
                required
                onChange={(e) => setName(e.target.value)}
              />
            </div>
            <SelectField
              label="Project"
              value={chosenProject?.uuid ?? ''}
              anyLabel={null}
              options={projects.map((p) => ({ value: p.uuid, label: `${p.name} (${p.customer_name})` }))}
              onChange={setProject}
            />
            {plans.length > 0 && (
              <SelectField
                label="Plan"
                value={chosenPlan?.uuid ?? ''}
                anyLabel={null}
                options={plans.map((p) => ({ value: p.uuid, label: p.name }))}
                onChange={setPlan}
              />
            )}
            <LimitFields
              components={offering.components}
              plan={chosenPlan}
              values={limitText}
              onChange={(type, value) => setLimits({ ...limitText, [type]: value })}
            />
            <AttributeFields
              attrs={attrs}
              values={attrText}
              errors={attrErrors}
              onChange={(key, value) => setAttrValues({ ...attrText, [key]: value })}
            />
            <div className="field">
              <label htmlFor="resource-description">Description (optional)</label>
              <textarea
                id="resource-description"
                rows={2}
                value={description}
                onChange={(e) => setDescription(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="request-comment">Comment to the provider (optional)</label>
              <textarea
                id="request-comment"
                rows={2}
                maxLength={255}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
              />
            </div>
            <PreflightPanel
              body={
                chosenProject
                  ? {
                      project: chosenProject.url,
                      offering: offering.url,
                      ...(chosenPlan ? { plan: chosenPlan.url } : {}),
                      attributes: { ...attributeValues(attrs, attrText), name: name.trim() },
                      limits: numbers,
                    }
                  : null
              }
            />
            <InlineError error={error} />
            <button type="submit" className="btn btn-primary" disabled={busy || !name.trim()}>
              {busy ? 'Submitting…' : 'Submit order'}
            </button>
          </form>
          {chosenPlan && <CostEstimate plan={chosenPlan} components={offering.components} limits={numbers} />}
        </div>
      )}
    </div>
  );
}
