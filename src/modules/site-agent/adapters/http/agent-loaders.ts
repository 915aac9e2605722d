import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { NotFoundError, ValidationError } from '../../../../platform/errors.js';
import { findOffering, visibleProviderOfferings } from '../../../offerings/api.js';
import type { AgentOffering } from '../../app/agent-access.js';
import { AGENT_OFFERING_TYPES } from '../../domain/agent-states.js';
import {
  findIdentity,
  findProcessor,
  findService,
  type IdentityRecord,
  type ProcessorRecord,
  type ServiceRecord,
} from '../pg/agent-records.js';

/** An identity the caller may see, or 404. */
export async function loadIdentity(tx: Tx, actor: Actor, uuid: string): Promise<IdentityRecord> {
  const i = await findIdentity(tx, actor, uuid);
  if (!i) throw new NotFoundError('site_agent_identity');
  return i;
}

/** A service the caller may see, or 404. */
export async function loadService(tx: Tx, actor: Actor, uuid: string): Promise<ServiceRecord> {
  const s = await findService(tx, actor, uuid);
  if (!s) throw new NotFoundError('site_agent_service');
  return s;
}

/** A processor the caller may see, or 404. */
export async function loadProcessor(tx: Tx, actor: Actor, uuid: string): Promise<ProcessorRecord> {
  const p = await findProcessor(tx, actor, uuid);
  if (!p) throw new NotFoundError('site_agent_processor');
  return p;
}

/**
 * The offering named in an identity body: one the caller sees as a provider, of a type a site
 * agent serves; else 400 on `offering`, worded as Waldur's related-field error.
 */
export async function offeringOfBody(
  tx: Tx,
  actor: Actor,
  uuid: string,
): Promise<AgentOffering & { uuid: string }> {
  const o = await findOffering(visibleProviderOfferings(tx, actor), uuid);
  if (!o || !AGENT_OFFERING_TYPES.includes(o.type)) {
    throw ValidationError.field(
      '/body/offering',
      `Object with uuid=${uuid} does not exist.`,
      'does_not_exist',
    );
  }
  return { offering_id: o.id, offering_customer_id: o.customer_id, uuid: o.uuid };
}
