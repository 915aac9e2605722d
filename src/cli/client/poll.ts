/** Waits `ms`. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Back-off between polls: starts fast, doubles while nothing changes, resets on a change. */
export class Backoff {
  private ms: number;

  /** Builds a back-off between `minMs` and `maxMs`. */
  constructor(
    private readonly minMs = 250,
    private readonly maxMs = 2_000,
  ) {
    this.ms = minMs;
  }

  /** Waits, then lengthens the next wait (or resets it when `changed`). */
  async wait(changed: boolean): Promise<void> {
    if (changed) this.ms = this.minMs;
    await sleep(this.ms);
    if (!changed) this.ms = Math.min(this.ms * 2, this.maxMs);
  }
}

/** One line of NDJSON (what watch commands print with `--json`). */
export function jsonLine(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
