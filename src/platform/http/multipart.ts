/**
 * A small `multipart/form-data` reader (RFC 7578) for the few upload routes: the whole body is
 * already in memory (the route's size cap bounds it), so parts are plain slices of one Buffer.
 * Orderly pins its dependencies and has no multipart package; this covers what browsers, curl and
 * Python's httpx send: CRLF line ends, `Content-Disposition: form-data; name=…; filename=…`.
 */

/** One part of a multipart body. */
export interface MultipartPart {
  /** The form field name. */
  name: string;
  /** The client's file name; absent for plain fields. */
  filename?: string;
  /** The part's `Content-Type`, lower-cased; absent when the client sent none. */
  contentType?: string;
  /** The raw content. */
  data: Buffer;
}

/** Why a body could not be read as multipart. */
export class MultipartError extends Error {}

/** The boundary of a `multipart/form-data` content type, or undefined when it is not one. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType.trim())) return undefined;
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** Reads one header block (`Name: value` lines) into lower-cased names. */
function readHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MultipartError('malformed part header');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** A parameter (`name`, `filename`) of a `Content-Disposition` value, quoted or bare. */
function dispositionParam(value: string, param: string): string | undefined {
  const re = new RegExp(`(?:^|;)\\s*${param}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i');
  const m = re.exec(value);
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? '').trim();
}

/** Splits a multipart body into its parts; throws {@link MultipartError} on a malformed body. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new MultipartError('no boundary in the body');
  const parts: MultipartPart[] = [];
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString('latin1') === '--') return parts;
    if (body.subarray(pos, pos + 2).toString('latin1') !== '\r\n') throw new MultipartError('bad delimiter');
    pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos, 'latin1');
    if (headerEnd < 0) throw new MultipartError('unterminated part header');
    const headers = readHeaders(body.subarray(pos, headerEnd).toString('utf8'));
    const start = headerEnd + 4;
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), start);
    if (next < 0) throw new MultipartError('unterminated part');
    const disposition = headers.get('content-disposition') ?? '';
    if (!/^form-data\b/i.test(disposition)) throw new MultipartError('part is not form-data');
    const name = dispositionParam(disposition, 'name');
    if (name === undefined) throw new MultipartError('part has no name');
    const filename = dispositionParam(disposition, 'filename');
    const contentType = headers.get('content-type')?.toLowerCase();
    parts.push({
      name,
      ...(filename !== undefined ? { filename } : {}),
      ...(contentType !== undefined ? { contentType } : {}),
      data: body.subarray(start, next),
    });
    pos = next + 2;
  }
}

/**
 * The parts of a multipart body in a form independent of its random boundary (names, file names,
 * types, lengths and bytes), so the same upload sent twice compares equal (idempotency keys).
 * Undefined when the body is not readable multipart.
 */
export function canonicalMultipart(body: Buffer, contentType: string | undefined): Buffer | undefined {
  const boundary = multipartBoundary(contentType);
  if (!boundary) return undefined;
  try {
    return Buffer.concat(
      parseMultipart(body, boundary).flatMap((p) => [
        Buffer.from(JSON.stringify([p.name, p.filename ?? null, p.contentType ?? null, p.data.length])),
        p.data,
      ]),
    );
  } catch (err) {
    if (err instanceof MultipartError) return undefined;
    throw err;
  }
}
