// npm run rules: validates the rule files and writes the compiled pack to src/core/generated/pack.ts.
// npm run rules:check (part of npm test): fails when the committed pack is not what the rule files compile to.
import { readFileSync, writeFileSync } from 'node:fs';
import { buildPack, loadRuleFiles, renderPackModule } from '../src/core/compile/pack-build.js';

const OUT = new URL('../src/core/generated/pack.ts', import.meta.url).pathname;
const check = process.argv.includes('--check');

const loaded = loadRuleFiles();
if (loaded.problems.length > 0) {
  console.error(`The rule files have ${loaded.problems.length} problem(s):\n${loaded.problems.join('\n')}`);
  process.exit(1);
}
let source: string;
try {
  const built = await buildPack(loaded.rules);
  source = renderPackModule(built.pack);
  const s = built.stats;
  console.log(
    `${check ? 'checked' : 'compiled'} ${s.rules} rules, ${s.phrases} phrases -> ${s.patterns} patterns, ` +
      `${s.states} states, ${s.alphabet} classes, ${s.foldEntries} fold entries; pack ${s.rawBytes} bytes, ` +
      `${s.bytes} as shipped (deflated, base64)`,
  );
} catch (error) {
  console.error(`The rules do not compile:\n${(error as Error).message}`);
  process.exit(1);
}
if (check) {
  let committed = '';
  try {
    committed = readFileSync(OUT, 'utf8');
  } catch {
    // missing: reported below
  }
  if (committed !== source) {
    console.error('src/core/generated/pack.ts is out of date with the rule files: run `npm run rules` and commit it.');
    process.exit(1);
  }
} else {
  writeFileSync(OUT, source);
}
