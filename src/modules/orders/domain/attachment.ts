/**
 * The purchase-order file of an order (orders spec §7.20): one PDF per order, checked by its
 * content (the `%PDF-` magic bytes), never only by the content type the client claims.
 */
import { ValidationError } from '../../../platform/errors.js';

/** The multipart field that carries the file (Waldur's `OrderAttachmentRequest.attachment`). */
export const ATTACHMENT_FIELD = 'attachment';

/** Default largest accepted file: 10 MiB (`ORDERLY_ORDER_ATTACHMENT_MAX_BYTES`). */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** Stable codes of a refused upload (400, `errors[0].pointer` is `/body/attachment`). */
export const AttachmentErrorCode = {
  /** No file part named `attachment`, or the body is not multipart. */
  MISSING: 'order.attachment_missing',
  /** The file does not start with `%PDF-`. */
  NOT_PDF: 'order.attachment_not_pdf',
  /** The file is larger than the configured cap. */
  TOO_LARGE: 'order.attachment_too_large',
  /** The file is empty. */
  EMPTY: 'order.attachment_empty',
} as const;

/** A file as the client sent it. */
export interface UploadedFile {
  /** The client's file name, if any. */
  readonly filename: string | undefined;
  /** The bytes. */
  readonly data: Buffer;
}

const POINTER = `/body/${ATTACHMENT_FIELD}`;
const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

/** A 400 about the `attachment` field. */
export function attachmentError(code: string, detail: string): ValidationError {
  return ValidationError.field(POINTER, detail, code);
}

/** A human size, e.g. `10 MB`. */
function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/** Checks an uploaded file; throws a 400 naming `attachment` when it is not an acceptable PDF. */
export function checkPurchaseOrderFile(file: UploadedFile | undefined, maxBytes: number): UploadedFile {
  if (!file) {
    throw attachmentError(
      AttachmentErrorCode.MISSING,
      'attachment: upload a PDF file as multipart/form-data.',
    );
  }
  if (file.data.length === 0)
    throw attachmentError(AttachmentErrorCode.EMPTY, 'attachment: the file is empty.');
  if (file.data.length > maxBytes) {
    throw attachmentError(
      AttachmentErrorCode.TOO_LARGE,
      `attachment: the file is larger than ${megabytes(maxBytes)}.`,
    );
  }
  if (!file.data.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) {
    throw attachmentError(AttachmentErrorCode.NOT_PDF, 'attachment: the file is not a PDF document.');
  }
  return file;
}

/** A file name safe to store and to send back in `Content-Disposition`: no path, no control characters. */
export function safeFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base
    .split('')
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f && ch !== '"')
    .join('')
    .trim()
    .slice(0, 200);
  if (clean === '') return 'purchase-order.pdf';
  return /\.pdf$/i.test(clean) ? clean : `${clean}.pdf`;
}
