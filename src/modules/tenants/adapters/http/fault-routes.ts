import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../../../platform/errors.js';
import { hex, UuidInput, UuidParams } from '../../../../platform/http/ids.js';
import { addRoute } from '../../../../platform/http/route.js';
import { requireStaff } from '../../../identity/app/access.js';
import { createFault, deleteFault, listFaults } from '../../app/faults.js';
import { FAULTABLE_STEPS } from '../../domain/steps.js';
import { localCaCertificate } from '../ca/local-ca.js';
import { tenantIdByUuid } from '../pg/tenant-lookup.js';
import type { TenantRouteDeps } from './deps.js';
import { FaultOut } from './schemas.js';

type FaultRow = Awaited<ReturnType<typeof listFaults>>[number];
const present = (f: FaultRow) => ({
  uuid: hex(f.uuid),
  step: f.step,
  tenant_uuid: f.tenant_uuid ? hex(f.tenant_uuid) : null,
  times: f.times,
  remaining: f.remaining,
  message: f.message,
  permanent: f.permanent,
  hold_seconds: f.hold_seconds,
  created: f.created.toISOString(),
});

/**
 * Fault injection (tenant spec §5.3), staff only and off unless ORDERLY_ENABLE_FAULTS=1 (the demo
 * turns it on): while off, the collection does not exist (404). Also the local CA's certificate,
 * public, so clients can trust tenant consoles.
 */
export function faultRoutes(app: FastifyInstance, deps: TenantRouteDeps): void {
  const enabled = () => {
    if (!deps.settings.faultsEnabled)
      throw new NotFoundError('fault', 'Fault injection is off (ORDERLY_ENABLE_FAULTS=1 turns it on).');
  };
  addRoute(app, {
    method: 'GET',
    url: '/api/provisioning-faults/',
    operationId: 'provisioning_faults_list',
    summary: 'Active provisioning faults with their remaining counts (staff; tests and drills)',
    tags: ['provisioning-faults'],
    responses: { 200: z.array(FaultOut) },
    check: (_tx, ctx) => {
      enabled();
      requireStaff(ctx.actor);
    },
    run: async (tx) => {
      return {
        status: 200,
        body: (await listFaults(tx)).map(present),
      };
    },
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/provisioning-faults/',
    operationId: 'provisioning_faults_create',
    summary: 'Make the next `times` invocations of `step` fail with `message` (or hold, for crash drills)',
    tags: ['provisioning-faults'],
    body: z.object({
      step: z.string().meta({ description: `One of: ${FAULTABLE_STEPS.join(', ')}.` }),
      times: z.number().int().min(1).max(1000).default(1),
      message: z.string().min(1).max(2000),
      permanent: z.boolean().default(false).meta({ description: 'Non-retryable: the run fails at once.' }),
      tenant_uuid: UuidInput.optional().meta({ description: 'Only this tenant (default: any).' }),
      hold_seconds: z.number().int().min(1).max(3600).optional().meta({
        description:
          'Orderly extension for crash drills: hold after the effect, before the checkpoint, instead of failing.',
      }),
    }),
    responses: { 201: FaultOut },
    check: (_tx, ctx) => {
      enabled();
      requireStaff(ctx.actor);
    },
    run: async (tx, ctx) => {
      const b = ctx.body();
      const tenantId = b.tenant_uuid ? await tenantIdByUuid(tx, b.tenant_uuid) : undefined;
      if (b.tenant_uuid && tenantId === undefined) throw new NotFoundError('tenant');
      const f = await createFault(tx, {
        step: b.step,
        times: b.times,
        message: b.message,
        permanent: b.permanent,
        tenantId: tenantId ?? null,
        holdSeconds: b.hold_seconds ?? null,
        createdBy: ctx.actor.id,
      });
      return { status: 201, body: present({ ...f, tenant_uuid: b.tenant_uuid ?? null }) };
    },
  });
  addRoute(app, {
    method: 'DELETE',
    url: '/api/provisioning-faults/:uuid/',
    operationId: 'provisioning_faults_delete',
    summary: 'Remove a fault (a step holding on it continues)',
    tags: ['provisioning-faults'],
    params: UuidParams,
    responses: { 204: null },
    check: (_tx, ctx) => {
      enabled();
      requireStaff(ctx.actor);
    },
    run: async (tx, ctx) => {
      await deleteFault(tx, ctx.params.uuid);
      return { status: 204 };
    },
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/tenant-ca-certificate/',
    operationId: 'tenant_ca_certificate',
    summary: "Orderly's local CA certificate (PEM): trust it to reach tenant consoles over HTTPS",
    tags: ['tenants'],
    public: true,
    responses: { 200: z.object({ certificate_pem: z.string() }) },
    tx: 'none',
    handler: async () => {
      const pem = await localCaCertificate(deps.db);
      if (!pem)
        throw new NotFoundError('certificate', 'The local CA is created when the first worker starts.');
      return { status: 200, body: { certificate_pem: pem } };
    },
  });
}
