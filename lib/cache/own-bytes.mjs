// @ts-check
// zlib hands back its output as a view into the chunk it wrote into: brotli's is 16 KiB however
// small the result, so a 5 KB page kept for hours would hold 16 KiB of memory. What a cache keeps
// for long is copied into a buffer of exactly its own bytes.

/**
 * `bytes` itself when it owns all of its memory, otherwise a copy that does.
 * @param {Buffer} bytes
 */
export function ownBytes(bytes) {
  if (bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length) return bytes;
  const copy = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(copy);
  return copy;
}
