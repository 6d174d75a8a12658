// npm run train: fits the lure scorer's model and the post hints' disclosure model on the project's own examples
// (src/core/examples) and the worked-from two thirds of the shared dev files (read in place, never copied), and
// writes src/core/generated/model.ts and disclosure-model.ts.
// npm run train -- --check: fails when a committed model is not what the data fit to.
// Run `npm run rules` first when the rule files changed: the features come from the compiled pack.
import { readFileSync, writeFileSync } from 'node:fs';
import { renderDisclosureModel, trainDisclosure } from '../src/core/compile/disclosure-training.js';
import { renderModel, MODEL_FILE } from '../src/core/compile/model-render.js';
import { train } from '../src/core/compile/training.js';
import { shippedPack } from '../src/core/pack.js';
import { devWorkPart, disclosureDevWorkPart, ownDisclosures, ownExamples } from '../src/cli/labelled.js';

const USAGE = 'usage: npm run train [-- --check]';
const args = process.argv.slice(2);
for (const arg of args) {
  if (arg !== '--check') {
    console.error(`train: unknown option ${arg}\n${USAGE}`);
    process.exit(2);
  }
}
const check = args.includes('--check');
const dev = devWorkPart();
const disclosureDev = disclosureDevWorkPart();
if (dev === null || disclosureDev === null) {
  console.error('train: ../shared/corpus/lures_dev_*.jsonl and disclosure_dev_*.jsonl are not beside this checkout; the committed models were fitted with them, so they cannot be refitted here.');
  process.exit(2);
}
const pack = await shippedPack();
const outputs: Array<{ file: string; source: string; about: string }> = [];

const own = ownExamples();
const texts = [...own, ...dev];
const { model, reports, signal, devWeight, devLoss } = train(texts, pack);
const count = (origin: string, expect: string) => texts.filter((t) => t.origin === origin && t.expect === expect).length;
const about = `Fitted on ${own.length} own examples (warn ${count('own', 'warn')}, quiet ${count('own', 'quiet')}, awareness ${count('own', 'awareness')}) and ${dev.length} texts of the shared dev files' worked-from part (warn ${count('dev', 'warn')}, quiet ${count('dev', 'quiet')}, awareness ${count('dev', 'awareness')}).`;
const percent = (x: number): string => `${(x * 100).toFixed(1)}%`;
for (const r of reports) {
  const f = (k: 'loose' | 'medium' | 'strict') => `${k} ${r.outOfFold[k].cut} (recall ${percent(r.outOfFold[k].recall)}, look-alikes ${percent(r.outOfFold[k].falseAlarms)})`;
  console.log(`${r.family}: ${r.positives} lures, ${r.negatives} others, lambda ${r.lambda}, out-of-fold log-loss ${r.logLoss}; ${f('loose')}; ${f('medium')}; ${f('strict')}`);
}
console.log(`shared dev texts weigh ${devWeight} (out-of-fold log-loss on them ${devLoss.toFixed(4)}, summed over the families)`);
console.log(`text signal: lambda ${signal.lambda}, out-of-fold log-loss ${signal.logLoss}, ${signal.used} of ${1 << model.text.bits} buckets used`);
outputs.push({ file: MODEL_FILE, source: renderModel(model, about), about });

const ownFields = ownDisclosures();
const fields = [...ownFields, ...disclosureDev];
const disclosure = trainDisclosure(fields, pack);
const r = disclosure.report;
const fieldsAbout = `Fitted on ${ownFields.length} own field texts and ${disclosureDev.length} of the shared disclosure dev files' worked-from part (hint ${fields.filter((t) => t.expect === 'hint').length}, quiet ${fields.filter((t) => t.expect === 'quiet').length}).`;
console.log(`disclosures: ${r.hints} hints, ${r.quiet} quiet, shared dev texts weigh ${r.devWeight}, lambda ${r.lambda}, out-of-fold log-loss ${r.logLoss}; cut ${disclosure.model.cut} (hints ${percent(r.recall)}, quiet texts hinted ${percent(r.falseHints)})`);
outputs.push({ file: 'disclosure-model.ts', source: renderDisclosureModel(disclosure.model, fieldsAbout), about: fieldsAbout });

let stale = 0;
for (const { file, source, about: what } of outputs) {
  const path = new URL(`../src/core/generated/${file}`, import.meta.url);
  if (check) {
    let committed = '';
    try {
      committed = readFileSync(path, 'utf8');
    } catch {
      // missing: reported below
    }
    if (committed !== source) {
      console.error(`src/core/generated/${file} is not what the examples fit to: run \`npm run train\` and commit it.`);
      stale++;
    }
  } else {
    writeFileSync(path, source);
    console.log(`${file}: ${what}`);
  }
}
if (check && stale === 0) console.log('models up to date');
process.exitCode = stale === 0 ? 0 : 1;
