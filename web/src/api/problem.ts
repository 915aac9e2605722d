/** The RFC 9457 problem body Orderly answers with (`detail` and, for invalid input, `errors[]`). */
interface ProblemBody {
  status?: number;
  code?: string;
  title?: string;
  detail?: string;
  errors?: { pointer: string; detail: string }[];
}

function isProblem(v: unknown): v is ProblemBody {
  return typeof v === 'object' && v !== null && ('detail' in v || 'code' in v);
}

/** `/body/attributes/name` → "attributes › name": a field name a person can read. */
function fieldName(pointer: string): string {
  return pointer
    .replace(/^\/(body|query|params)\/?/, '')
    .split('/')
    .filter(Boolean)
    .join(' › ');
}

/** A failed API call, in words: what the server said, per field where it named fields. */
export class ApiError extends Error {
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  /** The problem's stable code, e.g. `order.invalid_state`. */
  readonly code: string;
  /** Invalid fields, already readable. */
  readonly fields: readonly { field: string; detail: string }[];

  constructor(
    status: number,
    code: string,
    message: string,
    fields: { field: string; detail: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }

  /** Builds the error from a non-2xx response and its parsed body. */
  static from(response: Response, body: unknown): ApiError {
    if (isProblem(body)) {
      const fields = (body.errors ?? []).map((e) => ({ field: fieldName(e.pointer), detail: e.detail }));
      return new ApiError(
        response.status,
        body.code ?? 'error',
        body.detail ?? body.title ?? 'Request failed.',
        fields,
      );
    }
    return new ApiError(response.status, 'error', fallbackText(response.status));
  }

  /** The server could not be reached at all. */
  static network(): ApiError {
    return new ApiError(0, 'network', 'Orderly cannot be reached. Check your connection and try again.');
  }
}

function fallbackText(status: number): string {
  if (status === 401) return 'Your session has ended. Please sign in again.';
  if (status === 403) return 'You do not have permission to do this.';
  if (status === 404) return 'This item does not exist or is not visible to you.';
  if (status >= 500) return 'Orderly had an internal problem. Please try again in a moment.';
  return `The request failed (HTTP ${status}).`;
}

/** Any thrown value as a sentence for the page. */
export function describeError(e: unknown): string {
  if (e instanceof ApiError) {
    const fields = e.fields.map((f) => (f.field ? `${f.field}: ${f.detail}` : f.detail));
    // 409: the object is no longer in a state that allows this (someone else acted meanwhile).
    const hint =
      e.status === 409
        ? ['It may have changed since this page was loaded; the page now shows its current state.']
        : [];
    return [e.message, ...fields, ...hint].join(' ');
  }
  return e instanceof Error ? e.message : 'Something went wrong.';
}
