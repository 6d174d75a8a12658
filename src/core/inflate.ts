// A small raw-DEFLATE decoder (RFC 1951), after Joergen Ibsen's tinf. The platform's DecompressionStream would do,
// but Firefox refuses streams built in a content script's sandbox, and a synchronous decoder keeps loading the
// rule pack the same everywhere: content script, Node, tests.

interface Tree {
  counts: Uint16Array; // number of codes of each length
  symbols: Uint16Array; // symbols ordered by code
}

const LENGTH_BASE = new Uint16Array(30);
const LENGTH_BITS = new Uint8Array(30);
const DIST_BASE = new Uint16Array(30);
const DIST_BITS = new Uint8Array(30);
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

function fillBases(bits: Uint8Array, base: Uint16Array, delta: number, first: number): void {
  for (let i = 0; i < delta; i++) bits[i] = 0;
  for (let i = 0; i < 30 - delta; i++) bits[i + delta] = Math.floor(i / delta);
  let sum = first;
  for (let i = 0; i < 30; i++) {
    base[i] = sum;
    sum += 1 << bits[i]!;
  }
}
fillBases(LENGTH_BITS, LENGTH_BASE, 4, 3);
fillBases(DIST_BITS, DIST_BASE, 2, 1);
// Length code 285 is special: base 258, no extra bits.
LENGTH_BITS[28] = 0;
LENGTH_BASE[28] = 258;

function buildTree(lengths: Uint8Array, offset: number, count: number): Tree {
  const tree: Tree = { counts: new Uint16Array(16), symbols: new Uint16Array(count) };
  for (let i = 0; i < count; i++) tree.counts[lengths[offset + i]!]!++;
  tree.counts[0] = 0;
  const offsets = new Uint16Array(16);
  for (let sum = 0, i = 0; i < 16; i++) {
    offsets[i] = sum;
    sum += tree.counts[i]!;
  }
  for (let i = 0; i < count; i++) {
    const length = lengths[offset + i]!;
    if (length) tree.symbols[offsets[length]!++] = i;
  }
  return tree;
}

const FIXED_LENGTHS = (() => {
  const lengths = new Uint8Array(288 + 30);
  lengths.fill(8, 0, 144);
  lengths.fill(9, 144, 256);
  lengths.fill(7, 256, 280);
  lengths.fill(8, 280, 288);
  lengths.fill(5, 288, 318);
  return lengths;
})();
const FIXED_LITERALS = buildTree(FIXED_LENGTHS, 0, 288);
const FIXED_DISTANCES = buildTree(FIXED_LENGTHS, 288, 30);

class Decoder {
  private at = 0;
  private tag = 0;
  private bits = 0;
  out: Uint8Array;
  length = 0;

  constructor(private readonly data: Uint8Array) {
    this.out = new Uint8Array(Math.max(1024, data.length * 4));
  }

  bit(): number {
    if (this.bits === 0) {
      if (this.at >= this.data.length) throw new RangeError('deflate stream ends early');
      this.tag = this.data[this.at++]!;
      this.bits = 8;
    }
    const bit = this.tag & 1;
    this.tag >>>= 1;
    this.bits--;
    return bit;
  }

  read(count: number): number {
    let value = 0;
    for (let i = 0; i < count; i++) value |= this.bit() << i;
    return value;
  }

  symbol(tree: Tree): number {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let length = 1; length < 16; length++) {
      code = (code << 1) | this.bit();
      const count = tree.counts[length]!;
      if (code - first < count) return tree.symbols[index + code - first]!;
      index += count;
      first = (first + count) << 1;
    }
    throw new RangeError('deflate stream has an invalid code');
  }

  push(byte: number): void {
    if (this.length === this.out.length) {
      const grown = new Uint8Array(this.out.length * 2);
      grown.set(this.out);
      this.out = grown;
    }
    this.out[this.length++] = byte;
  }

  stored(): void {
    this.bits = 0; // skip to the byte boundary
    if (this.at + 4 > this.data.length) throw new RangeError('deflate stream ends early');
    const length = this.data[this.at]! | (this.data[this.at + 1]! << 8);
    const check = this.data[this.at + 2]! | (this.data[this.at + 3]! << 8);
    if (length !== (~check & 0xffff)) throw new RangeError('deflate stored block is corrupt');
    this.at += 4;
    if (this.at + length > this.data.length) throw new RangeError('deflate stream ends early');
    for (let i = 0; i < length; i++) this.push(this.data[this.at++]!);
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
      if (sym === 256) return;
      if (sym < 256) {
        this.push(sym);
        continue;
      }
      const code = sym - 257;
      if (code >= 29) throw new RangeError('deflate stream has an invalid length code');
      const length = LENGTH_BASE[code]! + this.read(LENGTH_BITS[code]!);
      const distCode = this.symbol(distances);
      if (distCode >= 30) throw new RangeError('deflate stream has an invalid distance code');
      const distance = DIST_BASE[distCode]! + this.read(DIST_BITS[distCode]!);
      if (distance > this.length) throw new RangeError('deflate stream refers before its start');
      for (let i = 0; i < length; i++) this.push(this.out[this.length - distance]!);
    }
  }
}

/** Decodes a raw DEFLATE stream (no zlib or gzip header). Throws a RangeError on corrupt input. */
export function inflateRaw(data: Uint8Array): Uint8Array {
  const d = new Decoder(data);
  let last = 0;
  while (!last) {
    last = d.bit();
    const type = d.read(2);
    if (type === 0) d.stored();
    else if (type === 1) d.block(FIXED_LITERALS, FIXED_DISTANCES);
    else if (type === 2) d.block(...d.dynamicTrees());
    else throw new RangeError('deflate stream has an invalid block type');
  }
  return d.out.subarray(0, d.length);
}
