// npm start: scans the bundled demo pages (a lure and a benign twin for each kind of site, in English and Chinese)
// and prints what LureWatch finds, next to what each page is expected to show. Exit 1 if any page disagrees.
import { readFileSync } from 'node:fs';
import { visibleTextOfHtml } from '../src/cli/html.js';
import { detect, showsBanner } from '../src/core/detect.js';
import { shippedPack } from '../src/core/pack.js';

interface DemoPage {
  path: string;
  lang: 'en' | 'zh';
  category: 'loan' | 'recruitment' | 'dating' | 'social';
  kind: 'lure' | 'benign';
  expect: 'banner' | 'quiet';
  title: string;
}

const DEMO = new URL('../demo/pages/', import.meta.url);
const pages = JSON.parse(readFileSync(new URL('index.json', DEMO), 'utf8')) as DemoPage[];
const pack = await shippedPack();
let disagreements = 0;

console.log('LureWatch demo: what the detector finds on each demo page (static HTML; scripts do not run here)\n');
for (const page of pages) {
  const html = readFileSync(new URL(page.path, DEMO), 'utf8');
  const detection = detect(visibleTextOfHtml(html), { category: page.category }, pack);
  const banner = showsBanner(detection);
  // Chat pages receive their decisive messages by script, which a static scan does not run: at load they are quiet.
  const scripted = page.path.includes('chat-');
  const agrees = banner === (page.expect === 'banner' && !scripted);
  if (!agrees) disagreements++;
  const verdict = banner ? `${detection.severity.toUpperCase()} banner` : `no banner (${detection.severity})`;
  const note = scripted ? ' (messages arrive by script; static scan sees the page at load)' : '';
  console.log(`${agrees ? 'ok  ' : 'DIFF'} ${page.path.padEnd(22)} ${verdict.padEnd(18)} ${page.title}${note}`);
  if (banner) {
    console.log(`       resembles: ${detection.resembles}; ${detection.story?.[page.lang]}`);
    for (const item of detection.evidence) console.log(`       - "${item.quote}" (${item.rule})`);
  }
}
console.log(`\n${pages.length - disagreements} of ${pages.length} pages as expected.`);
process.exitCode = disagreements === 0 ? 0 : 1;

