// The pack's DEFLATE decoder against Node's zlib, on every block type and on corrupt input.
import fc from 'fast-check';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflateRaw } from '../../src/core/inflate.js';

describe('inflateRaw', () => {
  it('decodes what zlib encodes, at every level (stored, fixed and dynamic blocks)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), fc.integer({ min: 0, max: 9 }), fc.boolean(), (bytes, level, repetitive) => {
        const input = repetitive ? new Uint8Array(bytes.length * 3).map((_, i) => bytes[i % Math.max(1, bytes.length)] ?? 0) : bytes;
        expect(inflateRaw(deflateRawSync(input, { level }))).toEqual(new Uint8Array(input));
      }),
      { numRuns: 200 },
    );
  });

  it('decodes long text larger than its first buffer', () => {
    const text = new TextEncoder().encode('interest free loan 无息贷款 '.repeat(20000));
    expect(inflateRaw(deflateRawSync(text, { level: 9 }))).toEqual(text);
  });

  it('rejects truncated and corrupt streams with a RangeError', () => {
    const packed = deflateRawSync(new TextEncoder().encode('photos of the base '.repeat(100)));
    expect(() => inflateRaw(packed.subarray(0, packed.length >> 1))).toThrow(RangeError);
    expect(() => inflateRaw(new Uint8Array([0xff, 0xff, 0xff]))).toThrow(RangeError);
  });
});
