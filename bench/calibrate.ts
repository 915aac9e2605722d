// The speed of this machine at the moment of a run. A shared machine's speed drifts (on 2026-12-06 the
// same code did users/me at 4,540–5,509/s across the day): figures from runs far apart in speed are
// not comparable, so every run prints this beside them.

/** Milliseconds for a fixed loop of 3·10⁷ integer steps, best of three (lower is faster). */
export function loopMs(): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    const t0 = process.hrtime.bigint();
    let x = 0;
    for (let i = 0; i < 30_000_000; i++) x = (x + i * 7) % 1_000_003;
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    // x keeps the loop from being optimized away; it is always below the modulus.
    if (x < 1_000_003) best = Math.min(best, ms);
  }
  return best;
}
