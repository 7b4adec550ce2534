import { brotliCompressSync, constants } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ownBytes } from './own-bytes.mjs';

describe('ownBytes', () => {
  it("copies zlib's output out of the chunk it was written into", () => {
    const page = Buffer.from('<p>Harbour works resume after the storm.</p>'.repeat(200));
    const compressed = brotliCompressSync(page, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
    // The premise: zlib's result is a small view of a larger chunk.
    expect(compressed.buffer.byteLength).toBeGreaterThan(compressed.length);
    const own = ownBytes(compressed);
    expect(own.equals(compressed)).toBe(true);
    expect(own.buffer.byteLength).toBe(own.length);
  });

  it('returns a buffer that already owns its memory as it is', () => {
    const whole = Buffer.allocUnsafeSlow(100).fill(1);
    expect(ownBytes(whole)).toBe(whole);
  });
});
