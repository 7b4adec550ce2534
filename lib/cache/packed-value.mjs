// @ts-check
// Next's cached pages as next-cache-handler.mjs keeps them in memory: compressed. Next hands over an
// article page as about 56 KB: its HTML (34 KB at 100,000 articles), its RSC payload (18 KB) and that
// payload again cut into segments for the client router's prefetches, one of them the whole payload.
// Brotli at quality 1 makes that 14 KB in about 0.3 ms, and reading it back takes 0.15 ms.
// Both are cheap where they fall: packing once per render (a miss costs about 50 ms of CPU), and
// unpacking only when our response cache lacks the page or for an RSC request, which pages that ship
// no client router do not make (docs/performance.md, "Next's copy of each page, compressed").
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { ownBytes } from './own-bytes.mjs';

const FAST = { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } };
/** The fields of Next's cached values that hold a page's bytes (APP_PAGE and APP_ROUTE). */
const FIELDS = ['html', 'rscData', 'body'];

/**
 * One field's bytes, compressed; `text` remembers that Next gave a string. Recognised by class, so
 * one copy of this module must pack and unpack: Next's copy of the handler does both (the server's
 * bundled copy only expires entries).
 */
class Packed {
  /** @param {Buffer} bytes @param {boolean} text */
  constructor(bytes, text) {
    this.bytes = bytes;
    this.text = text;
  }
}

/** @param {unknown} field */
function packField(field) {
  if (typeof field === 'string') return new Packed(ownBytes(brotliCompressSync(Buffer.from(field), FAST)), true);
  if (Buffer.isBuffer(field)) return new Packed(ownBytes(brotliCompressSync(field, FAST)), false);
  return field;
}

/** @param {unknown} field */
function unpackField(field) {
  if (!(field instanceof Packed)) return field;
  const bytes = brotliDecompressSync(field.bytes);
  return field.text ? bytes.toString() : bytes;
}

/**
 * A copy of `value` with each of its byte fields and segments passed through `convert`; a segment
 * that is the RSC payload itself (Next makes `/_full` so) stays the same object as the payload.
 * @param {any} value @param {(field: unknown) => unknown} convert
 */
function mapFields(value, convert) {
  const copy = { ...value };
  for (const name of FIELDS) if (name in value) copy[name] = convert(value[name]);
  if (value.segmentData instanceof Map) {
    copy.segmentData = new Map();
    for (const [segment, field] of value.segmentData) {
      copy.segmentData.set(segment, field === value.rscData ? copy.rscData : convert(field));
    }
  }
  return copy;
}

/**
 * A copy of a cached value with its HTML, RSC payload, route body and segments compressed; the
 * value Next gave is left as it was.
 * @param {any} value
 */
export function pack(value) {
  return mapFields(value, packField);
}

/**
 * The value as Next gave it to `pack`, in new objects: Next may keep what it is given.
 * @param {any} packed
 */
export function unpack(packed) {
  return mapFields(packed, unpackField);
}

/**
 * What a packed value holds in memory, in bytes: its compressed fields (a shared one counted once)
 * and a kilobyte for the objects around them.
 * @param {any} packed
 */
export function packedBytes(packed) {
  const fields = new Set([packed.html, packed.rscData, packed.body, ...(packed.segmentData?.values() ?? [])]);
  let bytes = 1024;
  for (const field of fields) if (field instanceof Packed) bytes += field.bytes.length;
  return bytes;
}
