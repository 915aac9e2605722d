import type { components } from '../../../openapi/client/schema.js';

type Schemas = components['schemas'];

/** An order as the API presents it, with `abilities`. */
export type Order = Schemas['OrderDetails'];
/** One action's ability: allowed, or why not. */
export type Ability = Schemas['Ability'];
/** A resource, with `abilities` and (when stuck in Terminating) `guidance`. */
export type Resource = Schemas['Resource'];
/** The recovery guidance of a Terminating resource. */
export type Guidance = Schemas['TerminatingGuidance'];
/** One recovery path of the guidance. */
export type RecoveryPath = Schemas['RecoveryPath'];
/** One processing attempt of an order. */
export type Attempt = Schemas['OrderAttempt'];
/** One audit event. */
export type AuditEvent = Schemas['Event'];
/** The signed-in user and their role grants. */
export type Me = Schemas['UserMe'];
/** One role grant of the signed-in user. */
export type Grant = Me['permissions'][number];
/** An organization. */
export type Customer = Schemas['Customer'];
/** A project. */
export type Project = Schemas['Project'];
/** An offering of the public catalogue. */
export type PublicOffering = Schemas['PublicOfferingDetails'];
/** A plan of a public offering. */
export type PublicPlan = Schemas['BasePublicPlan'];
/** An offering as its provider sees it. */
export type ProviderOffering = Schemas['ProviderOfferingDetails'];
/** A demo account listed on the sign-in page. */
export type DemoUser = Schemas['DemoUser'];
/** A tenant of an `Orderly.Tenant` offering, with `abilities`. */
export type Tenant = Schemas['Tenant'];
/** The tenant's abilities, by action. */
export type TenantAbilities = Tenant['abilities'];
/** One provisioning or decommission run of a tenant, with its steps and tries. */
export type TenantRun = Schemas['TenantRun'];
/** One event of a tenant's audit feed. */
export type TenantEvent = Schemas['TenantEvent'];
/** A site agent identity with its services. */
export type AgentIdentity = Schemas['AgentIdentity'];
/** A site agent service with its processors. */
export type AgentService = Schemas['AgentService'];
/** A site agent processor. */
export type AgentProcessor = Schemas['AgentProcessor'];
/** A log line shipped by a site agent. */
export type SiteAgentLog = Schemas['SiteAgentLog'];
/** When an agent kind last called in for an offering. */
export type IntegrationStatus = Schemas['IntegrationStatusDetails'];
