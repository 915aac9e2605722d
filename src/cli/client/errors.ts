/** Exit codes scripts can rely on. */
export const EXIT = { ok: 0, failed: 1, usage: 2, notFound: 3, forbidden: 4 } as const;

/** An error the CLI reports in words and ends with `exitCode`. */
export class CliError extends Error {
  /** Builds the error. */
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** A usage error (exit 2). */
export function usage(message: string): CliError {
  return new CliError(message, EXIT.usage);
}

/** The exit code of an HTTP error status. */
export function exitCodeOf(status: number): number {
  if (status === 401 || status === 403) return EXIT.forbidden;
  if (status === 404) return EXIT.notFound;
  return EXIT.failed;
}

/** A problem+json body, as far as the CLI reads it. */
interface ProblemLike {
  title?: unknown;
  detail?: unknown;
  code?: unknown;
  errors?: unknown;
}

/** A failed response in words: detail, code and one line per invalid field. */
export function problemMessage(status: number, body: unknown): string {
  const p: ProblemLike = typeof body === 'object' && body !== null ? body : {};
  const head =
    typeof p.detail === 'string' && p.detail ? p.detail : typeof p.title === 'string' ? p.title : '';
  const lines = [
    `${head || 'request failed'} (HTTP ${status}${typeof p.code === 'string' ? `, ${p.code}` : ''})`,
  ];
  if (Array.isArray(p.errors))
    for (const e of p.errors as unknown[]) {
      if (typeof e !== 'object' || e === null) continue;
      const f = e as { pointer?: unknown; detail?: unknown };
      lines.push(`  ${String(f.pointer ?? '')}: ${String(f.detail ?? '')}`);
    }
  return lines.join('\n');
}

/** Checks a UUID argument (32 hex digits or dashed); a malformed one is a usage error. */
export function uuidArg(value: string): string {
  if (!/^[0-9a-f]{32}$/i.test(value.replace(/-/g, ''))) throw usage(`not a UUID: ${value}`);
  return value;
}
