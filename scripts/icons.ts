// npm run icons: renders icons/icon.svg to icons/icon-{16,32,48,128}.png with headless Chromium, so the PNGs the
// manifest lists always come from the one SVG source. The PNGs are committed; run this after editing the SVG.
import { chromium } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ICON_SIZES, ROOT } from './build.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './lib/chromium.js';
import { isMainModule } from './lib/main-module.js';


export async function renderIcons(svgPath = join(ROOT, 'icons', 'icon.svg'), outDir = join(ROOT, 'icons')): Promise<string[]> {
  const svg = readFileSync(svgPath);
  const src = `data:image/svg+xml;base64,${svg.toString('base64')}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const written: string[] = [];
  try {
    for (const size of ICON_SIZES) {
      // deviceScaleFactor 1 and a viewport of exactly the icon size: one CSS pixel is one PNG pixel.
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      await page.setContent(
        `<!doctype html><html style="background:transparent"><body style="margin:0;background:transparent">` +
          `<img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`,
      );
      await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
      const file = join(outDir, `icon-${size}.png`);
      writeFileSync(file, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
      written.push(file);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return written;
}

if (isMainModule(import.meta.url)) {
  for (const file of await renderIcons()) console.log(`wrote ${file}`);
}
