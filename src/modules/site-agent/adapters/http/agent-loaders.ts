import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { ValidationError } from '../../../../platform/errors.js';
import { orNotFound } from '../../../../platform/http/read-routes.js';
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
  return orNotFound(findIdentity(tx, actor, uuid), 'site_agent_identity');
}

/** A service the caller may see, or 404. */
export async function loadService(tx: Tx, actor: Actor, uuid: string): Promise<ServiceRecord> {
  return orNotFound(findService(tx, actor, uuid), 'site_agent_service');
}

/** A processor the caller may see, or 404. */
export async function loadProcessor(tx: Tx, actor: Actor, uuid: string): Promise<ProcessorRecord> {
  return orNotFound(findProcessor(tx, actor, uuid), 'site_agent_processor');
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
