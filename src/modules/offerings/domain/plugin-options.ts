/**
 * Offering `plugin_options` that Orderly itself reads and validates when an offering is created or
 * edited. Unknown keys are kept as they are (Waldur clients send many); a key listed here must have
 * the right type and apply to the offering's type, else the write is refused with 400.
 */
import { ValidationError } from '../../../platform/errors.js';
import { capabilitiesOf, type ProcessorKind } from './capabilities.js';
import { isOfferingType, type OfferingType } from './offering-type.js';

/**
 * Orderly's option: an order of a manually managed offering (Basic, Support) completes as soon as
 * it starts executing, i.e. at provider approval — Waldur's Basic processor. Default off: the order
 * stays Executing until the provider marks it done (seed 000 "Marking orders as done").
 */
export const AUTO_COMPLETE_ON_APPROVAL = 'auto_complete_on_approval';

/** Processor kinds a person finishes, where auto-completion means something. */
const MANUAL_KINDS: ReadonlySet<ProcessorKind> = new Set<ProcessorKind>(['manual', 'helpdesk']);

/** Whether the offering type's orders are finished by a person (Basic, Support). */
export function isManuallyCompleted(type: OfferingType): boolean {
  return MANUAL_KINDS.has(capabilitiesOf(type).processor);
}

/** Whether the offering's orders complete when execution starts (option on and a manual type). */
export function autoCompletesOnApproval(type: OfferingType, pluginOptions: Record<string, unknown>): boolean {
  return isManuallyCompleted(type) && pluginOptions[AUTO_COMPLETE_ON_APPROVAL] === true;
}

/** Checks the options Orderly reads; throws a 400 naming the field when one is wrong. */
export function checkPluginOptions(type: string, pluginOptions: Record<string, unknown> | undefined): void {
  if (!pluginOptions || !(AUTO_COMPLETE_ON_APPROVAL in pluginOptions)) return;
  const value = pluginOptions[AUTO_COMPLETE_ON_APPROVAL];
  const field = `/body/plugin_options/${AUTO_COMPLETE_ON_APPROVAL}`;
  if (typeof value !== 'boolean') {
    throw ValidationError.field(field, 'Must be true or false.', 'offering.invalid_plugin_option');
  }
  if (value && !(isOfferingType(type) && isManuallyCompleted(type))) {
    throw ValidationError.field(
      field,
      'Only Basic and Support offerings complete orders at approval; other types are finished by their processor.',
      'offering.invalid_plugin_option',
    );
  }
}
