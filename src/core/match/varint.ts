// Compact integer streams for the serialized pack: unsigned LEB128 varints over bytes. The bytes themselves are
// deflated and carried as base-85 text (see pack.ts), so the pack sits in a JavaScript module with no binary loader.

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

// Z85 (ZeroMQ's base 85): four bytes in five characters, against base64's three in four, and no quote or
// backslash, so the text sits in a string literal as it is. The last character says how many zero bytes were
// added to make the length a multiple of four.
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#';

export function encodeBase85(bytes: Uint8Array): string {
  const padding = (4 - (bytes.length % 4)) % 4;
  const padded = new Uint8Array(bytes.length + padding);
  padded.set(bytes);
  let out = '';
  for (let i = 0; i < padded.length; i += 4) {
    let n = ((padded[i]! << 24) | (padded[i + 1]! << 16) | (padded[i + 2]! << 8) | padded[i + 3]!) >>> 0;
    let group = '';
    for (let k = 0; k < 5; k++) {
      group = ALPHABET[n % 85]! + group;
      n = Math.floor(n / 85);
    }
    out += group;
  }
  return out + String(padding);
}

export function decodeBase85(text: string): Uint8Array {
  const lookup = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) lookup[ALPHABET.charCodeAt(i)] = i;
  const padding = text.length % 5 === 1 ? text.charCodeAt(text.length - 1) - 0x30 : -1;
  if (padding < 0 || padding > 3) throw new RangeError('serialized pack is not base 85');
  const groups = (text.length - 1) / 5;
  const out = new Uint8Array(groups * 4);
  for (let g = 0; g < groups; g++) {
    let n = 0;
    for (let k = 0; k < 5; k++) {
      const v = lookup[text.charCodeAt(5 * g + k)] ?? -1;
      if (v < 0) throw new RangeError(`serialized pack is not base 85 at ${5 * g + k}`);
      n = n * 85 + v;
    }
    if (n > 0xffffffff) throw new RangeError(`serialized pack is not base 85 at ${5 * g}`);
    out[4 * g] = n >>> 24;
    out[4 * g + 1] = (n >>> 16) & 0xff;
    out[4 * g + 2] = (n >>> 8) & 0xff;
    out[4 * g + 3] = n & 0xff;
  }
  return out.subarray(0, out.length - padding);
}
