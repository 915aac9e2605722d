import { describe, expect, it } from 'vitest';
import {
  AttachmentErrorCode,
  checkPurchaseOrderFile,
  safeFileName,
} from '../../src/modules/orders/domain/attachment.js';
import type { ValidationError } from '../../src/platform/errors.js';
import {
  canonicalMultipart,
  MultipartError,
  multipartBoundary,
  parseMultipart,
} from '../../src/platform/http/multipart.js';

const CRLF = '\r\n';

/** A body as browsers write it: each part with its headers, then the closing delimiter. */
function body(boundary: string, parts: { headers: string[]; data: Buffer | string }[]): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}${CRLF}${p.headers.join(CRLF)}${CRLF}${CRLF}`));
    chunks.push(Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data));
    chunks.push(Buffer.from(CRLF));
  }
  chunks.push(Buffer.from(`--${boundary}--${CRLF}`));
  return Buffer.concat(chunks);
}

describe('multipartBoundary', () => {
  it('reads bare and quoted boundaries of multipart/form-data only', () => {
    expect(multipartBoundary('multipart/form-data; boundary=abc123')).toBe('abc123');
    expect(multipartBoundary('Multipart/Form-Data; charset=utf-8; boundary="a b:c"')).toBe('a b:c');
    expect(multipartBoundary('application/json')).toBeUndefined();
    expect(multipartBoundary('multipart/form-data')).toBeUndefined();
    expect(multipartBoundary(undefined)).toBeUndefined();
  });
});

describe('parseMultipart', () => {
  it('splits fields and files, keeping binary content byte for byte', () => {
    const binary = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x0d, 0x0a, 0x00, 0xff, 0x2d, 0x2d]);
    const parts = parseMultipart(
      body('XyZ', [
        { headers: ['Content-Disposition: form-data; name="note"'], data: 'hello' },
        {
          headers: [
            'Content-Disposition: form-data; name="attachment"; filename="po \\"1\\".pdf"',
            'Content-Type: Application/PDF',
          ],
          data: binary,
        },
      ]),
      'XyZ',
    );
    expect(parts).toHaveLength(2);
    expect(parts[0]).toMatchObject({ name: 'note', data: Buffer.from('hello') });
    expect(parts[0]?.filename).toBeUndefined();
    expect(parts[1]?.name).toBe('attachment');
    expect(parts[1]?.filename).toBe('po "1".pdf');
    expect(parts[1]?.contentType).toBe('application/pdf');
    expect(parts[1]?.data.equals(binary)).toBe(true);
  });

  it('accepts an empty file and a preamble before the first delimiter', () => {
    const raw = Buffer.concat([
      Buffer.from(`preamble${CRLF}`),
      body('b', [{ headers: ['Content-Disposition: form-data; name="attachment"; filename=""'], data: '' }]),
    ]);
    const [part] = parseMultipart(raw, 'b');
    expect(part?.filename).toBe('');
    expect(part?.data.length).toBe(0);
  });

  it('refuses malformed bodies with MultipartError', () => {
    expect(() => parseMultipart(Buffer.from('no delimiters here'), 'b')).toThrow(MultipartError);
    expect(() =>
      parseMultipart(Buffer.from(`--b${CRLF}Content-Disposition: form-data; name="a"`), 'b'),
    ).toThrow(MultipartError);
    expect(() =>
      parseMultipart(Buffer.from(`--b${CRLF}Content-Disposition: form-data; name="a"${CRLF}${CRLF}x`), 'b'),
    ).toThrow(MultipartError);
    expect(() =>
      parseMultipart(body('b', [{ headers: ['Content-Type: text/plain'], data: 'x' }]), 'b'),
    ).toThrow(MultipartError);
    expect(() =>
      parseMultipart(body('b', [{ headers: ['Content-Disposition: form-data'], data: 'x' }]), 'b'),
    ).toThrow(MultipartError);
    expect(() => parseMultipart(Buffer.from(`--bXX`), 'b')).toThrow(MultipartError);
  });
});

describe('checkPurchaseOrderFile', () => {
  const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
  const codeOf = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      const e = err as ValidationError;
      return { code: e.code, pointer: e.errors[0]?.pointer };
    }
    return undefined;
  };

  it('accepts a PDF up to the cap', () => {
    expect(checkPurchaseOrderFile({ filename: 'a.pdf', data: pdf }, pdf.length).data).toBe(pdf);
  });

  it('names the attachment field for a missing, empty, too large or non-PDF file', () => {
    const pointer = '/body/attachment';
    expect(codeOf(() => checkPurchaseOrderFile(undefined, 100))).toEqual({
      code: AttachmentErrorCode.MISSING,
      pointer,
    });
    expect(codeOf(() => checkPurchaseOrderFile({ filename: 'a', data: Buffer.alloc(0) }, 100))).toEqual({
      code: AttachmentErrorCode.EMPTY,
      pointer,
    });
    expect(codeOf(() => checkPurchaseOrderFile({ filename: 'a', data: pdf }, pdf.length - 1))).toEqual({
      code: AttachmentErrorCode.TOO_LARGE,
      pointer,
    });
    const fake = Buffer.from('<html>%PDF-</html>');
    expect(codeOf(() => checkPurchaseOrderFile({ filename: 'a.pdf', data: fake }, 100))).toEqual({
      code: AttachmentErrorCode.NOT_PDF,
      pointer,
    });
  });

  it('keeps file names free of paths and control characters', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd.pdf');
    expect(safeFileName('C:\\Users\\me\\PO 42.PDF')).toBe('PO 42.PDF');
    expect(safeFileName('a\u0000b"\r\n.pdf')).toBe('ab.pdf');
    expect(safeFileName(undefined)).toBe('purchase-order.pdf');
    expect(safeFileName('   ')).toBe('purchase-order.pdf');
  });
});

describe('canonicalMultipart', () => {
  it('is the same for one upload under two boundaries, and differs for another file', () => {
    const part = (data: string) => [
      { headers: ['Content-Disposition: form-data; name="attachment"; filename="a.pdf"'], data },
    ];
    const a = canonicalMultipart(body('one', part('%PDF-1')), 'multipart/form-data; boundary=one');
    const b = canonicalMultipart(body('two', part('%PDF-1')), 'multipart/form-data; boundary=two');
    const c = canonicalMultipart(body('two', part('%PDF-2')), 'multipart/form-data; boundary=two');
    expect(a?.equals(b!)).toBe(true);
    expect(a?.equals(c!)).toBe(false);
    expect(canonicalMultipart(Buffer.from('junk'), 'multipart/form-data; boundary=x')).toBeUndefined();
    expect(canonicalMultipart(Buffer.from('{}'), 'application/json')).toBeUndefined();
  });
});
