// npm run rules: validates the rule files and writes the compiled pack to src/core/generated/.
// npm run rules:check (part of npm test): fails when the committed files are not what the rule files compile to.
import { readFileSync, writeFileSync } from 'node:fs';
import { buildPack, loadRuleFiles, renderGenerated, type BuiltPack } from '../src/core/compile/pack-build.js';

const OUT = new URL('../src/core/generated/', import.meta.url);
const check = process.argv.includes('--check');

const loaded = loadRuleFiles();
if (loaded.problems.length > 0) {
  console.error(`The rule files have ${loaded.problems.length} problem(s):\n${loaded.problems.join('\n')}`);
  process.exit(1);
}
let built: BuiltPack;
try {
  built = await buildPack(loaded.rules);
} catch (error) {
  console.error(`The rules do not compile:\n${(error as Error).message}`);
  process.exit(1);
}
const s = built.stats;
console.log(
  `${check ? 'checked' : 'compiled'} ${s.rules} rules, ${s.phrases} phrases -> ${s.patterns} patterns, ` +
    `${s.states} states, ${s.alphabet} classes, ${s.foldEntries} fold entries; pack ${s.rawBytes} bytes, ` +
    `${s.bytes} as shipped (base 64)`,
);
let stale = 0;
for (const [name, source] of Object.entries(renderGenerated(built))) {
  const path = new URL(name, OUT);
  if (!check) {
    writeFileSync(path, source);
    continue;
  }
  let committed = '';
  try {
    committed = readFileSync(path, 'utf8');
  } catch {
    // missing: reported below
  }
  if (committed !== source) {
    console.error(`src/core/generated/${name} is out of date with the rule files: run \`npm run rules\` and commit it.`);
    stale++;
  }
}
process.exitCode = stale === 0 ? 0 : 1;
