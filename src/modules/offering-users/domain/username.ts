/**
 * Username of a new offering user by the offering's `username_generation_policy` plugin option
 * (Waldur's `generate_username`): `service_provider` (the default) leaves it to the provider,
 * so the account starts Requested; the other policies give a name at once, so it starts OK.
 */

/** The person an offering user is made for. */
export interface UsernameSubject {
  username: string;
  first_name: string;
  last_name: string;
}

/** The policy names Waldur knows; unknown ones behave as `service_provider`. */
export const USERNAME_POLICIES = [
  'service_provider',
  'anonymized',
  'full_name',
  'waldur_username',
  'freeipa',
  'identity_claim',
] as const;

const ascii = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

/**
 * The username for `subject` at an offering with these plugin options, or null when the provider
 * assigns it. `taken` holds the offering's usernames; generated names never collide with them.
 */
export function generateUsername(
  pluginOptions: Record<string, unknown>,
  subject: UsernameSubject,
  taken: ReadonlySet<string>,
): string | null {
  const policy = pluginOptions.username_generation_policy;
  if (policy === 'waldur_username') return subject.username;
  if (policy === 'anonymized') {
    const raw = pluginOptions.username_anonymized_prefix;
    const prefix = typeof raw === 'string' && raw ? raw : 'waldur_';
    return firstFree(taken, (n) => `${prefix}${String(n).padStart(5, '0')}`, taken.size + 1);
  }
  if (policy === 'full_name') {
    const base = [ascii(subject.first_name), ascii(subject.last_name)].filter(Boolean).join('_');
    const stem = base || ascii(subject.username) || 'user';
    return taken.has(stem) ? firstFree(taken, (n) => `${stem}_${String(n).padStart(2, '0')}`, 1) : stem;
  }
  return null;
}

function firstFree(taken: ReadonlySet<string>, make: (n: number) => string, start: number): string {
  let n = start;
  while (taken.has(make(n))) n += 1;
  return make(n);
}
