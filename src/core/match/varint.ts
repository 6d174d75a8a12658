// Compact integer streams for the serialized pack: unsigned LEB128 varints over bytes, carried as base-64 text
// (see pack.ts), so the pack sits in a JavaScript module with no binary loader.

export class VarintWriter {
  private bytes: number[] = [];
  write(value: number): void {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`varint must be a natural number: ${value}`);
    while (value > 0x7f) {
      this.bytes.push((value & 0x7f) | 0x80);
      value = Math.floor(value / 128);
    }
    this.bytes.push(value);
  }
  writeBytes(bytes: Uint8Array): void {
    this.write(bytes.length);
    for (const b of bytes) this.bytes.push(b);
  }
  /**
   * As writeBytes, with zero to three bytes of padding first (their count written before them), so that the bytes
   * start at a multiple of four in the stream: the reader can then copy them into an Int32Array whole.
   */
  writeAlignedBytes(bytes: Uint8Array): void {
    const lengthSize = new VarintWriter();
    lengthSize.write(bytes.length);
    // The padding count itself takes one byte.
    const start = this.bytes.length + 1 + lengthSize.bytes.length;
    const padding = (4 - (start % 4)) % 4;
    this.write(padding);
    for (let i = 0; i < padding; i++) this.bytes.push(0);
    this.writeBytes(bytes);
  }
  toBytes(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

export class VarintReader {
  private at = 0;
  constructor(private readonly bytes: Uint8Array) {}
  read(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.at >= this.bytes.length) throw new RangeError('serialized pack ends early');
      const byte = this.bytes[this.at++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
      if (scale > 2 ** 49) throw new RangeError('serialized pack has an oversized number');
    }
  }
  /**
   * `count` numbers below 2^28 into a typed array, in one tight loop: the pack's long columns (tens of thousands of
   * numbers) read three times faster than with a call per number.
   */
  readColumn(count: number): Int32Array {
    const bytes = this.bytes;
    const length = bytes.length;
    let at = this.at;
    // Each number takes at least a byte: a count beyond that is damage, not a reason to allocate.
    if (count > length - at) throw new RangeError('serialized pack ends early');
    const out = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      let byte = bytes[at++]!;
      let value = byte & 0x7f;
      for (let shift = 7; byte >= 0x80; shift += 7) {
        if (at >= length) throw new RangeError('serialized pack ends early');
        if (shift > 21) throw new RangeError('serialized pack has an oversized number');
        byte = bytes[at++]!;
        value |= (byte & 0x7f) << shift;
      }
      out[i] = value;
      if (at > length) throw new RangeError('serialized pack ends early');
    }
    this.at = at;
    return out;
  }
  /** What writeAlignedBytes wrote: at a multiple of four in the stream (when the stream starts at one). */
  readAlignedBytes(): Uint8Array {
    const padding = this.read();
    if (padding > 3) throw new RangeError('serialized pack has bad padding');
    this.at += padding;
    return this.readBytes();
  }
  readBytes(): Uint8Array {
    const length = this.read();
    if (this.at + length > this.bytes.length) throw new RangeError('serialized pack ends early');
    const slice = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return slice;
  }
  get done(): boolean {
    return this.at >= this.bytes.length;
  }
}

// Base 64 (RFC 4648, with padding): the pack's bytes sit in a string literal as they are (no quote or backslash).
// Decoded by this loop rather than atob, which Node 20 implements in JavaScript one character at a time and which
// would need a second pass from its string to bytes anyway.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const left = bytes.length - i;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + (left > 1 ? ALPHABET[(n >> 6) & 63]! : '=') + (left > 2 ? ALPHABET[n & 63]! : '=');
  }
  return out;
}

export function decodeBase64(text: string): Uint8Array {
  // 64 marks a character outside the alphabet.
  const value = new Uint8Array(128).fill(64);
  for (let i = 0; i < 64; i++) value[ALPHABET.charCodeAt(i)] = i;
  if (text.length % 4 !== 0) throw new RangeError('serialized pack is not base 64: its length is not a multiple of 4');
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3);
  const whole = text.length - (padding > 0 ? 4 : 0);
  let o = 0;
  let bad = 0;
  for (let i = 0; i < whole; i += 4) {
    const a = value[text.charCodeAt(i)] ?? 64;
    const b = value[text.charCodeAt(i + 1)] ?? 64;
    const c = value[text.charCodeAt(i + 2)] ?? 64;
    const d = value[text.charCodeAt(i + 3)] ?? 64;
    // One test per group: any 64 sets bit 6 of the union.
    bad |= a | b | c | d;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 0xff;
    out[o++] = n & 0xff;
  }
  if (padding > 0) {
    const a = value[text.charCodeAt(whole)] ?? 64;
    const b = value[text.charCodeAt(whole + 1)] ?? 64;
    const c = padding === 1 ? (value[text.charCodeAt(whole + 2)] ?? 64) : 0;
    bad |= a | b | c;
    const n = (a << 18) | (b << 12) | (c << 6);
    out[o++] = n >> 16;
    if (padding === 1) out[o++] = (n >> 8) & 0xff;
  }
  if ((bad & 64) !== 0) throw new RangeError('serialized pack is not base 64: it has a character outside the alphabet');
  return out.subarray(0, o);
}
