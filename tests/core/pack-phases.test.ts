// The rule pack decoded in phases: the caller's pause runs between them, and the pack is the one decoded in one go.
import { describe, expect, it } from 'vitest';
import { PACK } from '../../src/core/generated/pack.js';
import { decodePack, loadPack, PACK_FORMAT } from '../../src/core/pack.js';

describe('phased pack decoding', () => {
  it('pauses between phases and decodes the same pack as without pauses', async () => {
    let pauses = 0;
    const paused = await loadPack(PACK, async () => {
      pauses++;
    });
    const direct = await loadPack(PACK);
    // base 85, inflate, fold table, the automaton's trie, outputs, placement and links (in parts), cells, outputs
    expect(pauses).toBeGreaterThanOrEqual(10);
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
});
