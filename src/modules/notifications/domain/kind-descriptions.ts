// No imports on purpose: the web UI imports this table (the database schema types need Node's).

/**
 * Every kind of e-mail Orderly sends, with who gets it (Waldur's marketplace notifications and its
 * recipients). The per-user settings list these; a user may turn any of them off.
 */
export const NOTIFICATION_KIND_DESCRIPTIONS = {
  approval_request: 'An order waits for your approval (consumer or provider approvers).',
  approval_reminder: 'An order still waits for your approval after the reminder delay.',
  provider_message:
    "The provider wrote about an order you may answer (the order's creator, consumer answerers).",
  consumer_message: 'The consumer answered about an order (provider approvers).',
  approval_escalation: 'An order waited past its approval SLA (provider owners, then staff).',
  approval_digest: 'The daily digest of orders waiting for your approval (provider approvers).',
  resource_create_succeeded: "A resource was created (the project's members).",
  resource_create_failed: "Creating a resource failed (the project's members).",
  resource_update_succeeded: "A resource was updated (the project's members).",
  resource_update_failed: "Updating a resource failed (the project's members).",
  resource_terminate_succeeded: "A resource was terminated (the project's members).",
  resource_terminate_failed: "Terminating a resource failed (the project's members).",
  resource_termination_scheduled:
    'A resource is scheduled for termination (project administrators and managers, and who asked).',
  resource_ending: "A resource's end date is 7 days or 1 day away (the project's members).",
  project_ending: "A project's end date is 7 days or 1 day away (project managers, organization owners).",
  usage_reminder: 'Resources you provide have no usage reported this month (provider organization owners).',
} as const;
