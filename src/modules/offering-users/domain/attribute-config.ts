/**
 * Which of a person's attributes an offering's provider sees on its offering users (Waldur's
 * `OfferingUserAttributeConfig`). Until the provider saves one, the default applies: username,
 * full name and e-mail, the same set the site agent falls back to.
 */

/** Every attribute an offering can expose, without the `expose_` prefix. */
export const USER_ATTRIBUTES = [
  'full_name',
  'email',
  'username',
  'registration_method',
  'organization',
  'organization_country',
  'organization_type',
  'organization_registry_code',
  'organization_vat_code',
  'organization_address',
  'affiliations',
  'phone_number',
  'job_title',
  'gender',
  'personal_title',
  'place_of_birth',
  'address',
  'country_of_residence',
  'nationality',
  'nationalities',
  'eduperson_assurance',
  'identity_source',
  'civil_number',
  'birth_date',
  'active_isds',
  'uid_number',
  'primary_gid',
] as const;

/** One exposable attribute. */
export type UserAttribute = (typeof USER_ATTRIBUTES)[number];

/** Exposed when no config is saved. */
export const DEFAULT_EXPOSED: readonly UserAttribute[] = ['username', 'full_name', 'email'];

/** The `expose_<attribute>` flag map of a config. */
export type ExposeFlags = Record<`expose_${UserAttribute}`, boolean>;

/** The full flag map: the stored flags over the defaults (stored ones win). */
export function resolveFlags(stored: Record<string, unknown> | undefined): ExposeFlags {
  const out: Record<string, boolean> = {};
  for (const a of USER_ATTRIBUTES) {
    const v = stored?.[`expose_${a}`];
    out[`expose_${a}`] = typeof v === 'boolean' ? v : !stored && DEFAULT_EXPOSED.includes(a);
  }
  return out as ExposeFlags;
}

/** The attributes a flag map exposes, in {@link USER_ATTRIBUTES} order. */
export function exposedFields(flags: ExposeFlags): UserAttribute[] {
  return USER_ATTRIBUTES.filter((a) => flags[`expose_${a}`]);
}
