// npm start: builds LureWatch, serves the demo pages (a lure and a benign twin for each kind of site, in English and
// Chinese) on 127.0.0.1 and opens them in Debian's Chromium with the extension loaded.
// With a display it stays open for exploring (Ctrl-C ends it). Without one (or under CI) it visits every demo page
// headless, saves a screenshot of each, of the popup and of the first-run page to out/demo/, and prints what each
// page is expected to show next to what LureWatch showed; exit 1 if any page disagrees.
import { existsSync, mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { build } from './build.js';
import { CHROMIUM_INSTALL_HINT, CHROMIUM_PATH, launchChromium, type ChromiumWithExtension } from './lib/chromium.js';
import { DEMO_DIR, demoPages, isChatPage, shotName, type DemoPage } from './lib/demo-pages.js';
import { startServer, type StaticServer } from './lib/server.js';

const OUT = 'out/demo';
const BANNER = 'lurewatch-banner[data-lurewatch="banner"]';
const SHOWN = ['caution', 'warning'];

/** What LureWatch showed on a page, read from the DOM contract (the test build's shadow root is open). */
interface Found {
  severity: string | null;
  title: string | null;
  evidence: string[];
}

async function main(): Promise<number> {
  if (!existsSync(CHROMIUM_PATH)) {
    console.error(`The LureWatch demo runs in Debian's Chromium, and ${CHROMIUM_PATH} is missing. Install it with:\n\n  ${CHROMIUM_INSTALL_HINT}\n`);
    return 1;
  }
  const interactive = Boolean(process.env.DISPLAY) && !process.env.CI;
  const pages = demoPages();
  // Exploring uses the production build, exactly what a person installs; the headless run uses the TEST build only
  // to read the evidence back from the banner's (then open) shadow root for the report below.
  const built = await build({ test: !interactive, browsers: ['chrome'] });
  const extensionDir = built.dirs.chrome!;
  const server = await startServer([{ prefix: '/', dir: DEMO_DIR }], { generated: { '/': indexPage(pages) } });
  let chromium: ChromiumWithExtension | undefined;
  try {
    // Exploring keeps the first-run page LureWatch opens on install, as a person would see it; the tour pictures it.
    chromium = await launchChromium({ extensionDir, headless: !interactive, viewport: interactive ? null : undefined, firstRun: interactive ? 'keep' : 'close' });
    return interactive ? await explore(chromium, server, pages) : await tour(chromium, server, pages);
  } finally {
    await chromium?.close();
    await server.close();
  }
}

/** With a display: open the index of demo pages and wait until the browser is closed or Ctrl-C. */
async function explore(chromium: ChromiumWithExtension, server: StaticServer, pages: DemoPage[]): Promise<number> {
  const tab = chromium.context.pages()[0] ?? (await chromium.context.newPage());
  await tab.goto(server.url('/'));
  console.log(`\nLureWatch is loaded in Chromium (extension id ${chromium.extensionId}).\n`);
  console.log(`Demo pages:  ${server.url('/')}`);
  for (const page of pages) console.log(`  ${page.expect === 'banner' ? 'lure  ' : 'benign'}  ${server.url(`/${page.path}`)}`);
  console.log(`Popup in a tab:  ${chromium.extensionOrigin}/popup.html  (or click the toolbar icon)`);
  console.log('\nClose the browser or press Ctrl-C to end.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    chromium.context.once('close', () => resolve());
  });
  return 0;
}

/** Without a display: visit every page headless, take pictures, compare with demo/pages/index.json. */
async function tour(chromium: ChromiumWithExtension, server: StaticServer, pages: DemoPage[]): Promise<number> {
  mkdirSync(OUT, { recursive: true });
  const tab = chromium.context.pages()[0] ?? (await chromium.context.newPage());
  console.log(`\nLureWatch demo: each demo page in headless Chromium with the extension (pages at ${server.url('/')})\n`);
  let disagreements = 0;
  for (const page of pages) {
    const found = await visit(tab, server.url(`/${page.path}`), isChatPage(page));
    await tab.screenshot({ path: `${OUT}/${shotName(page)}.png` });
    const shown = found.severity !== null && SHOWN.includes(found.severity);
    const agrees = shown === (page.expect === 'banner');
    if (!agrees) disagreements++;
    const verdict = found.severity ? `${found.severity.toUpperCase()} banner` : 'no banner';
    console.log(`${agrees ? 'ok  ' : 'DIFF'} ${page.path.padEnd(22)} expected ${page.expect === 'banner' ? 'banner' : 'none  '}  found ${verdict.padEnd(16)} ${page.title}`);
    if (found.title) console.log(`       ${found.title}`);
    for (const quote of found.evidence) console.log(`       - ${quote}`);
  }
  await popupPicture(chromium);
  await firstRunPicture(chromium);
  console.log(`\n${pages.length - disagreements} of ${pages.length} pages as expected. Screenshots: ${OUT}/<lang>-<page>.png, ${OUT}/popup.png and ${OUT}/first-run.png`);
  return disagreements === 0 ? 0 : 1;
}

async function visit(tab: Page, url: string, chat: boolean): Promise<Found> {
  await tab.goto(url);
  if (chat) {
    // Chat pages receive their messages by script; the verdict is the one after the last message.
    await tab.waitForFunction(() => document.body?.getAttribute('data-demo-final') === 'true', undefined, { timeout: 30_000 });
    await tab.waitForTimeout(1_500);
  } else {
    await tab
      .waitForFunction(() => document.documentElement.hasAttribute('data-lurewatch-ready'), undefined, { timeout: 10_000 })
      .catch(() => console.log(`       (the content script did not mark ${url} as scanned within 10 s)`));
    await tab.waitForTimeout(700);
  }
  return (await tab.evaluate((selector) => {
    const host = document.querySelector(selector);
    const root = host?.shadowRoot;
    return {
      severity: host?.getAttribute('data-severity') ?? null,
      title: root?.querySelector('h2')?.textContent ?? null,
      evidence: [...(root?.querySelectorAll('[data-part="evidence"] .quote') ?? [])].map((e) => e.textContent ?? ''),
    };
  }, BANNER)) as Found;
}

async function popupPicture(chromium: ChromiumWithExtension): Promise<void> {
  const popup = await chromium.context.newPage();
  try {
    await popup.setViewportSize({ width: 400, height: 720 });
    await popup.goto(`${chromium.extensionOrigin}/popup.html`);
    // The weekly count arrives from the background a moment after the popup opens.
    await popup
      .waitForFunction(() => /\d/.test(document.querySelector('#count-week')?.textContent ?? ''), undefined, { timeout: 3_000 })
      .catch(() => undefined);
    await popup.screenshot({ path: `${OUT}/popup.png`, fullPage: true });
  } finally {
    await popup.close();
  }
}

/** The first-run page, as it opens on install. */
async function firstRunPicture(chromium: ChromiumWithExtension): Promise<void> {
  const page = await chromium.context.newPage();
  try {
    await page.goto(`${chromium.extensionOrigin}/welcome.html`);
    await page.waitForFunction(() => document.querySelector('#sensitivity-hint')?.textContent !== '', undefined, { timeout: 5_000 }).catch(() => undefined);
    await page.screenshot({ path: `${OUT}/first-run.png`, fullPage: true });
  } finally {
    await page.close();
  }
}

/** A plain list of the demo pages, for exploring by hand. */
function indexPage(pages: DemoPage[]): string {
  const escape = (text: string): string => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const rows = pages
    .map((p) => `<li><a href="/${escape(p.path)}">${escape(p.path)}</a> <small>${p.expect === 'banner' ? 'lure' : 'benign twin'}</small> ${escape(p.title)}</li>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LureWatch demo pages</title></head>
<body style="font: 15px/1.6 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem">
<h1>LureWatch demo pages</h1>
<p>Each kind of site has a lure and a benign twin. Chat pages receive their messages one by one, as a chat would.</p>
<ul>\n${rows}\n</ul></body></html>`;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
