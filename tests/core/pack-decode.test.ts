// Decoding the rule pack: the same pack every time, and a clear error for a stale format or a damaged pack.
import { describe, expect, it } from 'vitest';
import { PACK } from '../../src/core/generated/pack.js';
import { decodeBase64, encodeBase64 } from '../../src/core/match/varint.js';
import { decodePack, loadPack, PACK_FORMAT } from '../../src/core/pack.js';

describe('pack decoding', () => {
  it('decodes the same pack each time, through loadPack or directly', async () => {
    const loaded = await loadPack(PACK);
    const direct = decodePack(PACK);
    expect(loaded.rules).toEqual(direct.rules);
    expect(loaded.fold).toEqual(direct.fold);
    expect(loaded.automaton).toEqual(direct.automaton);
  });

  it('stops at a bad format before decoding anything', () => {
    expect(() => decodePack({ format: PACK_FORMAT + 1, blob: PACK.blob })).toThrow(/run npm run rules/);
  });

  it('rejects a damaged pack with a clear error', () => {
    const decode = (blob: string) => () => decodePack({ format: PACK_FORMAT, blob });
    expect(decode(PACK.blob.slice(0, -8))).toThrow(RangeError);
    expect(decode(`${PACK.blob.slice(0, 100)}!${PACK.blob.slice(101)}`)).toThrow(/not base 64/);
    const bytes = decodeBase64(PACK.blob);
    expect(decode(encodeBase64(Uint8Array.from([...bytes, 0])))).toThrow(/trailing data/);
  });
});
