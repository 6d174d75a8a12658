// The pack's text encoding (base 64) and varint stream: round trips, and clear errors on damaged input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VarintReader, VarintWriter, decodeBase64, encodeBase64 } from '../../src/core/match/varint.js';

describe('base 64', () => {
  it('round-trips any bytes, whatever their length modulo three', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = encodeBase64(bytes);
        expect(text).not.toMatch(/["'`\\]/);
        expect(decodeBase64(text)).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it('writes what Node writes (RFC 4648 with padding)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      }),
    );
  });

  it('rejects text that is not base 64', () => {
    expect(() => decodeBase64('abc')).toThrow(/multiple of 4/);
    expect(() => decodeBase64('ab"d')).toThrow(/outside the alphabet/);
    expect(() => decodeBase64('ab=d')).toThrow(/outside the alphabet/);
    expect(() => decodeBase64('a===')).toThrow(/outside the alphabet/);
    expect(() => decodeBase64('AAAAab\u00e9=')).toThrow(/outside the alphabet/);
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

  it('reads a column of numbers below 2^28 as read() would, then goes on after it', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 2 ** 28 - 1 })), fc.nat(), (numbers, after) => {
        const w = new VarintWriter();
        numbers.forEach((n) => w.write(n));
        w.write(after);
        const r = new VarintReader(w.toBytes());
        expect(Array.from(r.readColumn(numbers.length))).toEqual(numbers);
        expect(r.read()).toBe(after);
        expect(r.done).toBe(true);
      }),
    );
  });

  it('writes aligned bytes at a multiple of four, whatever comes before them', () => {
    fc.assert(
      fc.property(fc.array(fc.nat()), fc.uint8Array({ maxLength: 300 }), (numbers, bytes) => {
        const w = new VarintWriter();
        numbers.forEach((n) => w.write(n));
        w.writeAlignedBytes(bytes);
        const r = new VarintReader(w.toBytes());
        numbers.forEach(() => r.read());
        const read = r.readAlignedBytes();
        expect(read.byteOffset % 4).toBe(0);
        expect(read).toEqual(bytes);
        expect(r.done).toBe(true);
      }),
    );
    expect(() => new VarintReader(Uint8Array.of(4, 0, 0, 0, 0, 0)).readAlignedBytes()).toThrow(/bad padding/);
  });

  it('rejects a column that ends early or holds a number of 2^28 or more', () => {
    const w = new VarintWriter();
    [1, 300, 70000].forEach((n) => w.write(n));
    const bytes = w.toBytes();
    expect(() => new VarintReader(bytes).readColumn(4)).toThrow(/ends early/);
    expect(() => new VarintReader(bytes.subarray(0, bytes.length - 1)).readColumn(3)).toThrow(/ends early/);
    const big = new VarintWriter();
    big.write(2 ** 28);
    expect(() => new VarintReader(big.toBytes()).readColumn(1)).toThrow(/oversized/);
  });
});
