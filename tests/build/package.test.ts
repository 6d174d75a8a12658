// The store zips: one per browser, named with the package.json version, manifest.json at the zip root.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/build.js';
import { packageExtension, zipName } from '../../scripts/package.js';

const tmp = mkdtempSync(join(tmpdir(), 'lurewatch-package-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** File names from a zip's central directory (signature PK\x01\x02; name length at +28, name at +46). */
function zipEntries(zip: Buffer): string[] {
  const names: string[] = [];
  for (let at = zip.indexOf('PK\x01\x02'); at !== -1; at = zip.indexOf('PK\x01\x02', at + 46)) {
    names.push(zip.toString('utf8', at + 46, at + 46 + zip.readUInt16LE(at + 28)));
  }
  return names;
}

describe('npm run package', () => {
  it('writes lurewatch-<browser>-<version>.zip with the unpacked build at its root', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const zips = await packageExtension({ outDir: tmp, log: () => {} });
    for (const browser of ['chrome', 'firefox'] as const) {
      expect(zips[browser]).toBe(join(tmp, zipName(browser, version)));
      expect(existsSync(zips[browser])).toBe(true);
      const entries = zipEntries(readFileSync(zips[browser]));
      for (const file of ['manifest.json', 'content.js', 'background.js', 'popup.js', 'popup.html', 'icons/icon-16.png', '_locales/en/messages.json', '_locales/zh_CN/messages.json']) {
        expect(entries, `${browser} zip lacks ${file}`).toContain(file);
      }
    }
  });
});
