// npm run train: fits the scorer's model on the project's own examples (src/core/examples) and the worked-from
// two thirds of the shared dev files (read in place, never copied), and writes src/core/generated/model.ts.
// npm run train -- --check: fails when the committed model is not what the data fit to (part of the tests).
// Run `npm run rules` first when the rule files changed: the features come from the compiled pack.
import { readFileSync, writeFileSync } from 'node:fs';
import { renderModel, MODEL_FILE } from '../src/core/compile/model-render.js';
import { train } from '../src/core/compile/training.js';
import { shippedPack } from '../src/core/pack.js';
import { devWorkPart, ownExamples } from '../src/cli/labelled.js';

const check = process.argv.includes('--check');
const own = ownExamples();
const dev = devWorkPart();
if (dev === null) {
  console.error('train: ../shared/corpus/lures_dev_*.jsonl are not beside this checkout; the committed model was fitted with them, so it cannot be refitted here.');
  process.exit(2);
}
const texts = [...own, ...dev];
const { model, reports, signal } = train(texts, await shippedPack());
const count = (origin: string, expect: string) => texts.filter((t) => t.origin === origin && t.expect === expect).length;
const about = `Fitted on ${own.length} own examples (warn ${count('own', 'warn')}, quiet ${count('own', 'quiet')}, awareness ${count('own', 'awareness')}) and ${dev.length} texts of the shared dev files' worked-from part (warn ${count('dev', 'warn')}, quiet ${count('dev', 'quiet')}, awareness ${count('dev', 'awareness')}).`;
for (const r of reports) {
  const f = (k: 'loose' | 'medium' | 'strict') => `${k} ${r.outOfFold[k].cut} (recall ${(r.outOfFold[k].recall * 100).toFixed(1)}%, look-alikes ${(r.outOfFold[k].falseAlarms * 100).toFixed(1)}%)`;
  console.log(`${r.family}: ${r.positives} lures, ${r.negatives} others, lambda ${r.lambda}, out-of-fold log-loss ${r.logLoss}; ${f('loose')}; ${f('medium')}; ${f('strict')}`);
}
console.log(`text signal: lambda ${signal.lambda}, out-of-fold log-loss ${signal.logLoss}, ${signal.used} of ${1 << model.text.bits} buckets used`);
const source = renderModel(model, about);
const path = new URL(`../src/core/generated/${MODEL_FILE}`, import.meta.url);
if (check) {
  let committed = '';
  try {
    committed = readFileSync(path, 'utf8');
  } catch {
    // missing: reported below
  }
  if (committed !== source) {
    console.error('src/core/generated/model.ts is not what the examples fit to: run `npm run train` and commit it.');
    process.exitCode = 1;
  } else console.log('model up to date');
} else {
  writeFileSync(path, source);
  console.log(about);
}
