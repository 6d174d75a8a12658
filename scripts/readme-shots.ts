// npm run docs:shots
// Retakes every picture of the README from the current build, in real Chromium, so that each shows what its
// caption says: the banner on the English dating demo page (docs/banner-en.png); the banner on the Chinese loan
// chat in a Chinese browser, with 12339 as its reporting line (docs/banner-zh.png); the post hint beside a comment
// box (docs/hint-en.png); the popup beside the English loan lure page, light and dark (docs/popup.png,
// docs/popup-dark.png); the first-run page (docs/first-run.png). The popup is loaded in a background tab, so the
// tab it reports on (the active one) is the lure page, as when a person clicks the toolbar button.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, ROOT } from './build.js';
import { assertChromiumInstalled, launchChromium, type ChromiumWithExtension } from './lib/chromium.js';
import { startServer } from './lib/server.js';

if (process.argv.length > 2) {
  console.error(`usage: npm run docs:shots (takes no arguments; got ${process.argv.slice(2).join(' ')})`);
  process.exit(2);
}
assertChromiumInstalled();
const docs = (file: string): string => join(ROOT, 'docs', file);
/** A disclosure typed into the comment box: the hint's picture. */
const DISCLOSURE = 'Happy to help with the wing spars. I hold an active TS/SCI clearance, so no photos from work though.';

const outDir = mkdtempSync(join(tmpdir(), 'lurewatch-shots-'));
const built = await build({ test: true, browsers: ['chrome'], outDir, log: () => undefined });
const server = await startServer([
  { prefix: '/hints/', dir: join(ROOT, 'tests', 'e2e', 'pages', 'hints') },
  { prefix: '/', dir: join(ROOT, 'demo', 'pages') },
]);
try {
  await withChromium('en-US', async (chromium) => {
    await bannerPicture(chromium, '/en/dating-lure.html', 'banner-en.png');
    await hintPicture(chromium);
    await popupPictures(chromium);
    await firstRunPicture(chromium);
  });
  await withChromium('zh-CN', (chromium) => bannerPicture(chromium, '/zh/loan-lure.html', 'banner-zh.png'));
} finally {
  await server.close();
  rmSync(outDir, { recursive: true, force: true });
}

async function withChromium(locale: string, run: (chromium: ChromiumWithExtension) => Promise<void>): Promise<void> {
  const chromium = await launchChromium({ extensionDir: built.dirs.chrome!, locale });
  try {
    await run(chromium);
  } finally {
    await chromium.close();
  }
}

async function bannerPicture(chromium: ChromiumWithExtension, path: string, file: string): Promise<void> {
  const tab = await chromium.context.newPage();
  await tab.setViewportSize({ width: 1280, height: 800 });
  await tab.goto(server.url(path), { waitUntil: 'load' });
  await tab.waitForSelector('lurewatch-banner', { state: 'attached', timeout: 10_000 });
  await tab.waitForTimeout(400); // the banner's entrance
  await tab.screenshot({ path: docs(file) });
  console.log(`wrote docs/${file}`);
  await tab.close();
}

async function hintPicture(chromium: ChromiumWithExtension): Promise<void> {
  const tab = await chromium.context.newPage();
  await tab.setViewportSize({ width: 1280, height: 800 });
  await tab.goto(server.url('/hints/comment.html'), { waitUntil: 'load' });
  await tab.click('#comment');
  await tab.keyboard.type(DISCLOSURE);
  await tab.waitForSelector('lurewatch-hint', { state: 'attached', timeout: 10_000 });
  await tab.waitForTimeout(400);
  await tab.screenshot({ path: docs('hint-en.png'), clip: { x: 0, y: 0, width: 1280, height: 420 } });
  console.log('wrote docs/hint-en.png');
  await tab.close();
}

async function popupPictures(chromium: ChromiumWithExtension): Promise<void> {
  const tab = await chromium.context.newPage();
  await tab.goto(server.url('/en/loan-lure.html'), { waitUntil: 'load' });
  await tab.waitForSelector('lurewatch-banner', { state: 'attached', timeout: 10_000 });
  const cdp = await chromium.context.newCDPSession(tab);
  const opened = chromium.context.waitForEvent('page');
  await cdp.send('Target.createTarget', { url: `${chromium.extensionOrigin}/popup.html`, background: true });
  const popup = await opened;
  await popup.setViewportSize({ width: 400, height: 720 });
  await popup.waitForSelector('#enabled', { state: 'attached' });
  await popup.waitForFunction(() => document.body.textContent?.includes('What was noticed') ?? false, undefined, { timeout: 10_000 });
  for (const [scheme, file] of [['light', 'popup.png'], ['dark', 'popup-dark.png']] as const) {
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.waitForTimeout(300); // the colour transition
    await popup.screenshot({ path: docs(file), fullPage: true });
    console.log(`wrote docs/${file}`);
  }
  await popup.close();
  await tab.close();
}

async function firstRunPicture(chromium: ChromiumWithExtension): Promise<void> {
  const page = await chromium.context.newPage();
  await page.setViewportSize({ width: 1000, height: 800 });
  await page.goto(`${chromium.extensionOrigin}/welcome.html`);
  await page.waitForFunction(() => document.querySelector('#sensitivity-hint')?.textContent !== '', undefined, { timeout: 5_000 }).catch(() => undefined);
  await page.screenshot({ path: docs('first-run.png') });
  console.log('wrote docs/first-run.png');
  await page.close();
}
