// npm run docs:shots
// Retakes the README's popup pictures (docs/popup.png, docs/popup-dark.png) in real Chromium: the popup of the
// TEST build, opened beside the English loan lure demo page, in light and dark. The popup is loaded in a background
// tab, so the tab it reports on (the active one) is the lure page, as when a person clicks the toolbar button.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, ROOT } from './build.js';
import { assertChromiumInstalled, launchChromium } from './lib/chromium.js';
import { startServer } from './lib/server.js';

const PAGE = '/en/loan-lure.html';

if (process.argv.length > 2) {
  console.error(`usage: npm run docs:shots (takes no arguments; got ${process.argv.slice(2).join(' ')})`);
  process.exit(2);
}
assertChromiumInstalled();
const outDir = mkdtempSync(join(tmpdir(), 'lurewatch-shots-'));
const built = await build({ test: true, browsers: ['chrome'], outDir, log: () => undefined });
const server = await startServer([{ prefix: '/', dir: join(ROOT, 'demo', 'pages') }]);
const chromium = await launchChromium({ extensionDir: built.dirs.chrome! });
try {
  const tab = await chromium.context.newPage();
  await tab.goto(server.url(PAGE), { waitUntil: 'load' });
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
    await popup.screenshot({ path: join(ROOT, 'docs', file), fullPage: true });
    console.log(`wrote docs/${file}`);
  }
} finally {
  await chromium.close();
  await server.close();
  rmSync(outDir, { recursive: true, force: true });
}
