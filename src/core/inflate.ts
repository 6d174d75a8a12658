// A small raw-DEFLATE decoder (RFC 1951). The platform's DecompressionStream would do, but Firefox refuses streams
// built in a content script's sandbox, and a synchronous decoder keeps loading the rule pack the same everywhere:
// content script, Node, tests.
//
// Huffman codes are decoded through lookup tables indexed by the next bits of the stream (one lookup per symbol,
// not one step per bit): the pack is inflated in every page, so this is on the load path.

/** A lookup table for one Huffman code: entry = symbol << 4 | code length, indexed by the next `bits` bits. */
interface Tree {
  table: Uint16Array;
  bits: number;
}

const LENGTH_BASE = new Uint16Array(29);
const LENGTH_BITS = new Uint8Array(29);
const DIST_BASE = new Uint16Array(30);
const DIST_BITS = new Uint8Array(30);
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

for (let i = 0, base = 3; i < 28; i++) {
  LENGTH_BITS[i] = i < 8 ? 0 : (i >> 2) - 1;
  LENGTH_BASE[i] = base;
  base += 1 << LENGTH_BITS[i]!;
}
LENGTH_BASE[28] = 258; // length code 285: no extra bits
for (let i = 0, base = 1; i < 30; i++) {
  DIST_BITS[i] = i < 4 ? 0 : (i >> 1) - 1;
  DIST_BASE[i] = base;
  base += 1 << DIST_BITS[i]!;
}

/** Canonical Huffman code from code lengths; throws on an over-subscribed set of lengths. */
function buildTree(lengths: Uint8Array, offset: number, count: number): Tree {
  const counts = new Uint16Array(16);
  let bits = 1;
  for (let i = 0; i < count; i++) {
    const length = lengths[offset + i]!;
    counts[length]!++;
    if (length > bits) bits = length;
  }
  counts[0] = 0;
  const nextCode = new Uint16Array(16);
  for (let length = 1, code = 0; length < 16; length++) {
    code = (code + counts[length - 1]!) << 1;
    nextCode[length] = code;
    if (code + counts[length]! > 1 << length) throw new RangeError('deflate stream has an invalid code');
  }
  const table = new Uint16Array(1 << bits);
  for (let symbol = 0; symbol < count; symbol++) {
    const length = lengths[offset + symbol]!;
    if (length === 0) continue;
    // Codes are read least significant bit first: the table is indexed by the reversed code, and every entry
    // whose low `length` bits are that code holds the symbol.
    const code = nextCode[length]!++;
    let reversed = 0;
    for (let b = 0; b < length; b++) reversed |= ((code >> b) & 1) << (length - 1 - b);
    for (let i = reversed; i < table.length; i += 1 << length) table[i] = (symbol << 4) | length;
  }
  return { table, bits };
}

const FIXED_LENGTHS = (() => {
  const lengths = new Uint8Array(288 + 32);
  lengths.fill(8, 0, 144);
  lengths.fill(9, 144, 256);
  lengths.fill(7, 256, 280);
  lengths.fill(8, 280, 288);
  lengths.fill(5, 288, 320);
  return lengths;
})();
const FIXED_LITERALS = buildTree(FIXED_LENGTHS, 0, 288);
const FIXED_DISTANCES = buildTree(FIXED_LENGTHS, 288, 32);

class Decoder {
  /** Position in the input, in bits. */
  private pos = 0;
  private readonly end: number;
  /** The input and four zero bytes, so that peeking near the end reads no further than the array. */
  private readonly padded: Uint8Array;
  out: Uint8Array;
  length = 0;

  constructor(private readonly data: Uint8Array) {
    this.out = new Uint8Array(Math.max(1024, data.length * 4));
    this.end = data.length * 8;
    this.padded = new Uint8Array(data.length + 4);
    this.padded.set(data);
  }

  /** The next 25 bits or more (zeros past the end), least significant first, without consuming them. */
  peek(): number {
    const d = this.padded;
    const i = this.pos >>> 3;
    return (d[i]! | (d[i + 1]! << 8) | (d[i + 2]! << 16) | (d[i + 3]! << 24)) >>> (this.pos & 7);
  }

  skip(count: number): void {
    this.pos += count;
    if (this.pos > this.end) throw new RangeError('deflate stream ends early');
  }

  read(count: number): number {
    const value = this.peek() & ((1 << count) - 1);
    this.skip(count);
    return value;
  }

  symbol(tree: Tree): number {
    const entry = tree.table[this.peek() & ((1 << tree.bits) - 1)]!;
    if (entry === 0) throw new RangeError('deflate stream has an invalid code');
    this.skip(entry & 15);
    return entry >> 4;
  }

  ensure(extra: number): void {
    if (this.length + extra <= this.out.length) return;
    const grown = new Uint8Array(Math.max(this.out.length * 2, this.length + extra));
    grown.set(this.out.subarray(0, this.length));
    this.out = grown;
  }

  stored(): void {
    this.pos = (this.pos + 7) & ~7; // skip to the byte boundary
    let at = this.pos >>> 3;
    if (at + 4 > this.data.length) throw new RangeError('deflate stream ends early');
    const length = this.data[at]! | (this.data[at + 1]! << 8);
    const check = this.data[at + 2]! | (this.data[at + 3]! << 8);
    if (length !== (~check & 0xffff)) throw new RangeError('deflate stored block is corrupt');
    at += 4;
    if (at + length > this.data.length) throw new RangeError('deflate stream ends early');
    this.ensure(length);
    this.out.set(this.data.subarray(at, at + length), this.length);
    this.length += length;
    this.pos = (at + length) * 8;
  }

  dynamicTrees(): [Tree, Tree] {
    const literals = this.read(5) + 257;
    const distances = this.read(5) + 1;
    const codeLengths = this.read(4) + 4;
    const lengths = new Uint8Array(288 + 32);
    for (let i = 0; i < codeLengths; i++) lengths[CODE_LENGTH_ORDER[i]!] = this.read(3);
    const codeTree = buildTree(lengths, 0, 19);
    lengths.fill(0, 0, 19);
    for (let n = 0; n < literals + distances; ) {
      const sym = this.symbol(codeTree);
      if (sym < 16) {
        lengths[n++] = sym;
        continue;
      }
      let repeat: number;
      let value = 0;
      if (sym === 16) {
        if (n === 0) throw new RangeError('deflate stream repeats a missing length');
        value = lengths[n - 1]!;
        repeat = this.read(2) + 3;
      } else if (sym === 17) {
        repeat = this.read(3) + 3;
      } else {
        repeat = this.read(7) + 11;
      }
      if (n + repeat > literals + distances) throw new RangeError('deflate stream has too many lengths');
      while (repeat-- > 0) lengths[n++] = value;
    }
    return [buildTree(lengths, 0, literals), buildTree(lengths, literals, distances)];
  }

  block(literals: Tree, distances: Tree): void {
    for (;;) {
      const sym = this.symbol(literals);
      if (sym < 256) {
        this.ensure(1);
        this.out[this.length++] = sym;
        continue;
      }
      if (sym === 256) return;
      const code = sym - 257;
      if (code >= 29) throw new RangeError('deflate stream has an invalid length code');
      const length = LENGTH_BASE[code]! + this.read(LENGTH_BITS[code]!);
      const distCode = this.symbol(distances);
      if (distCode >= 30) throw new RangeError('deflate stream has an invalid distance code');
      const distance = DIST_BASE[distCode]! + this.read(DIST_BITS[distCode]!);
      if (distance > this.length) throw new RangeError('deflate stream refers before its start');
      this.ensure(length);
      const out = this.out;
      // Byte by byte: a copy may overlap what it writes (distance < length repeats a run).
      for (let i = this.length, from = this.length - distance, stop = this.length + length; i < stop; i++, from++) out[i] = out[from]!;
      this.length += length;
    }
  }
}

/** Decodes a raw DEFLATE stream (no zlib or gzip header). Throws a RangeError on corrupt input. */
export function inflateRaw(data: Uint8Array): Uint8Array {
  const d = new Decoder(data);
  let last = 0;
  while (!last) {
    last = d.read(1);
    const type = d.read(2);
    if (type === 0) d.stored();
    else if (type === 1) d.block(FIXED_LITERALS, FIXED_DISTANCES);
    else if (type === 2) d.block(...d.dynamicTrees());
    else throw new RangeError('deflate stream has an invalid block type');
  }
  return d.out.subarray(0, d.length);
}
