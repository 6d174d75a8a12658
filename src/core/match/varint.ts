// Compact integer streams for the serialized pack: unsigned LEB128 varints over bytes. The bytes themselves are
// deflated and carried as base64 text (see pack.ts), so the pack sits in a JavaScript module with no binary loader.

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

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63]! : '=';
  }
  return out;
}

export function decodeBase64(text: string): Uint8Array {
  const lookup = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) lookup[ALPHABET.charCodeAt(i)] = i;
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let buffer = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const v = lookup[clean.charCodeAt(i)] ?? -1;
    if (v < 0) throw new RangeError(`serialized pack is not base64 at ${i}`);
    buffer = ((buffer << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}
