/**
 * Exact decimal arithmetic for money (prices, costs): values are bigints counting units of
 * 10^-SCALE, so sums and products never pick up binary floating-point error (0.1 + 0.2 = 0.3).
 * SCALE matches the database columns, numeric(22, 10).
 */

/** Fraction digits kept, as in the `numeric(22, 10)` price and cost columns. */
export const SCALE = 10;

/** A decimal as an integer count of 10^-SCALE units. */
export type Scaled = bigint;

const ONE: Scaled = 10n ** BigInt(SCALE);
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Divides rounding half away from zero (bigint division truncates). */
function divRound(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  if (2n * (r < 0n ? -r : r) < d) return q;
  return n < 0n ? q - 1n : q + 1n;
}

/**
 * Parses a decimal string or a finite number ("12.5", "1e-7", 3) into scaled units, rounding half
 * away from zero beyond SCALE digits. Throws RangeError on anything else: callers validate input
 * first, so a bad value here is a programming error.
 */
export function parseDecimal(value: string | number): Scaled {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new RangeError(`Not a finite number: ${value}`);
  }
  // String(n) is the shortest round-trip form (0.1 → "0.1"), so numbers carry no float noise here.
  const m = DECIMAL.exec(String(value).trim());
  const whole = m?.[2] ?? '';
  const fraction = m?.[3] ?? '';
  if (!m || whole.length + fraction.length === 0) throw new RangeError(`Not a decimal: ${value}`);
  const exponent = Number(m[4] ?? '0');
  // Doubles never exceed e±324; a larger exponent would only make a huge power of ten.
  if (Math.abs(exponent) > 400) throw new RangeError(`Exponent out of range: ${value}`);
  const digits = BigInt(`${whole}${fraction}` || '0');
  const shift = exponent - fraction.length + SCALE;
  const units = shift >= 0 ? digits * 10n ** BigInt(shift) : divRound(digits, 10n ** BigInt(-shift));
  return m[1] === '-' ? -units : units;
}

/** Formats scaled units with exactly SCALE fraction digits ("12.5000000000"), as PostgreSQL returns numeric(22, 10). */
export function formatDecimal(units: Scaled): string {
  const sign = units < 0n ? '-' : '';
  const abs = units < 0n ? -units : units;
  const whole = abs / ONE;
  const fraction = (abs % ONE).toString().padStart(SCALE, '0');
  return `${sign}${whole}.${fraction}`;
}

/** Product of two scaled values, rounded back to SCALE digits. */
export function multiply(a: Scaled, b: Scaled): Scaled {
  return divRound(a * b, ONE);
}

/** Whether a decimal string or number parses (used by input schemas before parseDecimal). */
export function isDecimal(value: string | number): boolean {
  try {
    parseDecimal(value);
    return true;
  } catch {
    return false;
  }
}
