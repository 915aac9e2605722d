import { ValidationError } from '../../../platform/errors.js';

/** Largest accepted thumbnail (bytes): a catalogue picture, not a photo archive. */
export const THUMBNAIL_MAX_BYTES = 1024 * 1024;

/** The form field of the upload (Waldur `OfferingThumbnailRequest.thumbnail`). */
export const THUMBNAIL_FIELD = 'thumbnail';

/** Image types accepted, recognised by their first bytes (the client's content type is not trusted). */
const SIGNATURES: { type: string; test: (b: Buffer) => boolean }[] = [
  { type: 'image/png', test: (b) => b.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])) },
  { type: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/gif', test: (b) => ['GIF87a', 'GIF89a'].includes(b.subarray(0, 6).toString('latin1')) },
  {
    type: 'image/webp',
    test: (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
];

const invalid = (detail: string, code: string) =>
  ValidationError.field(`/body/${THUMBNAIL_FIELD}`, detail, code);

/** Checks an uploaded thumbnail (present, not empty, small enough, an image); returns its type. */
export function checkThumbnail(data: Buffer | undefined): { data: Buffer; contentType: string } {
  if (!data || data.length === 0) throw invalid('No file was submitted.', 'thumbnail.missing');
  if (data.length > THUMBNAIL_MAX_BYTES) {
    throw invalid(`The file is larger than ${THUMBNAIL_MAX_BYTES} bytes.`, 'thumbnail.too_large');
  }
  const sig = SIGNATURES.find((s) => s.test(data));
  if (!sig) throw invalid('Upload a valid image: PNG, JPEG, GIF or WebP.', 'thumbnail.not_an_image');
  return { data, contentType: sig.type };
}
