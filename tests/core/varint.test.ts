// The pack's text encoding (base 85) and varint stream: round trips, and clear errors on damaged input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VarintReader, VarintWriter, decodeBase85, encodeBase85 } from '../../src/core/match/varint.js';

describe('base 85', () => {
  it('round-trips any bytes, whatever their length modulo four', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = encodeBase85(bytes);
        expect(text).not.toMatch(/["'`\\]/);
        expect(decodeBase85(text)).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it('is denser than base64', () => {
    const bytes = new Uint8Array(4000).map((_, i) => (i * 7919) & 0xff);
    expect(encodeBase85(bytes).length).toBeLessThan(Buffer.from(bytes).toString('base64').length * 0.95);
  });

  it('rejects text that is not base 85', () => {
    expect(() => decodeBase85('abc')).toThrow(RangeError);
    expect(() => decodeBase85('ab"de0')).toThrow(RangeError);
    expect(() => decodeBase85('#####0')).toThrow(RangeError); // more than 32 bits
  });
});

describe('varints', () => {
  it('round-trips natural numbers and byte strings', () => {
    fc.assert(
      fc.property(fc.array(fc.nat()), fc.uint8Array({ maxLength: 50 }), (numbers, bytes) => {
        const w = new VarintWriter();
        numbers.forEach((n) => w.write(n));
        w.writeBytes(bytes);
        const r = new VarintReader(w.toBytes());
        expect(numbers.map(() => r.read())).toEqual(numbers);
        expect(r.readBytes()).toEqual(bytes);
        expect(r.done).toBe(true);
      }),
    );
  });

  it('reports a stream that ends early', () => {
    expect(() => new VarintReader(new Uint8Array([0x80])).read()).toThrow(/ends early/);
  });
});
