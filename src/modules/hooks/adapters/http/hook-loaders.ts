import type { z } from 'zod';
import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { ValidationError } from '../../../../platform/errors.js';
import { orNotFound } from '../../../../platform/http/read-routes.js';
import { findVisibleCustomer, findVisibleProject } from '../../../identity/api.js';
import { findOffering, visibleProviderOfferings } from '../../../offerings/api.js';
import type { HookScope } from '../../app/manage-hooks.js';
import { findVisibleHook } from '../pg/hook-queries.js';
import type { CreateHookBody } from './hook-schemas.js';

/** Loads a hook the caller may see, or 404. */
export async function loadHook(tx: Tx, actor: Actor, uuid: string) {
  return orNotFound(findVisibleHook(tx, actor, uuid), 'hook');
}

/** Resolves the scope uuids of a new hook to ids among the objects its owner may see (else 400). */
export async function scopeOf(tx: Tx, actor: Actor, b: z.output<typeof CreateHookBody>): Promise<HookScope> {
  const given = [b.customer_uuid, b.project_uuid, b.offering_uuid].filter((v) => v !== undefined);
  if (given.length > 1) {
    throw new ValidationError('A hook has at most one scope.', [
      { pointer: '/body', detail: 'Give at most one of customer_uuid, project_uuid, offering_uuid.' },
    ]);
  }
  const missing = (field: string) => ValidationError.field(`/body/${field}`, 'Object does not exist.');
  if (b.customer_uuid) {
    const c = await findVisibleCustomer(tx, actor, b.customer_uuid);
    if (!c) throw missing('customer_uuid');
    return { customerId: c.id };
  }
  if (b.project_uuid) {
    const p = await findVisibleProject(tx, actor, b.project_uuid);
    if (!p) throw missing('project_uuid');
    return { projectId: p.id };
  }
  if (b.offering_uuid) {
    const o = await findOffering(visibleProviderOfferings(tx, actor), b.offering_uuid);
    if (!o) throw missing('offering_uuid');
    return { offeringId: o.id };
  }
  return {};
}
