// The rule pack decoded in phases: the caller's pause runs between them, and the pack is the one decoded in one go.
import { describe, expect, it } from 'vitest';
import { PACK } from '../../src/core/generated/pack.js';
import { decodeBase64, encodeBase64 } from '../../src/core/match/varint.js';
import { decodePack, loadPack, PACK_FORMAT } from '../../src/core/pack.js';

describe('phased pack decoding', () => {
  it('pauses between phases and decodes the same pack as without pauses', async () => {
    let pauses = 0;
    const paused = await loadPack(PACK, async () => {
      pauses++;
    });
    const direct = await loadPack(PACK);
    // base 64 | metadata and fold table | automaton
    expect(pauses).toBe(2);
    expect(paused.rules).toEqual(direct.rules);
    expect(paused.fold).toEqual(direct.fold);
    expect(paused.automaton).toEqual(direct.automaton);
  });

  it('counts its phases the same way each time, and stops at a bad format before the first', () => {
    const count = (): number => {
      const phases = decodePack(PACK);
      let n = 0;
      while (!phases.next().done) n++;
      return n;
    };
    expect(count()).toBe(count());
    expect(() => decodePack({ format: PACK_FORMAT + 1, blob: PACK.blob }).next()).toThrow(/run npm run rules/);
  });

  it('rejects a damaged pack with a clear error', () => {
    const decode = (blob: string) => () => {
      const phases = decodePack({ format: PACK_FORMAT, blob });
      while (!phases.next().done);
    };
    expect(decode(PACK.blob.slice(0, -8))).toThrow(RangeError);
    expect(decode(`${PACK.blob.slice(0, 100)}!${PACK.blob.slice(101)}`)).toThrow(/not base 64/);
    const bytes = decodeBase64(PACK.blob);
    expect(decode(encodeBase64(Uint8Array.from([...bytes, 0])))).toThrow(/trailing data/);
  });
});
