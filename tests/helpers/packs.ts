// Packs for the tests: the shipped one, and one freshly compiled from the rule files with its pattern list
// (for the reference matcher). Compiling takes a second or two, so it is done once per test file.
import { buildPack, loadRuleFiles, type BuiltPack } from '../../src/core/compile/pack-build.js';
import { loadPack, type Pack } from '../../src/core/pack.js';

let fresh: Promise<{ built: BuiltPack; pack: Pack }> | undefined;

export function freshPack(): Promise<{ built: BuiltPack; pack: Pack }> {
  fresh ??= (async () => {
    const loaded = loadRuleFiles();
    if (loaded.problems.length > 0) throw new Error(loaded.problems.join('\n'));
    const built = await buildPack(loaded.rules);
    return { built, pack: await loadPack(built.pack) };
  })();
  return fresh;
}
