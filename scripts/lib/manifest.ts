// Turns the shared top-level manifest.json into the manifest of one browser. The two browsers disagree on MV3
// backgrounds (Chromium only runs a service worker, Firefox only event-page scripts), so each gets a small patch.
import { CHROME_TEST_PUBLIC_KEY, FIREFOX_GECKO_ID } from './test-key.js';

export const BROWSERS = ['chrome', 'firefox'] as const;
export type Browser = (typeof BROWSERS)[number];

/** A manifest as parsed JSON; only the build patches it, so it stays loosely typed. */
export type Manifest = Record<string, unknown>;

export interface ManifestOptions {
  browser: Browser;
  /** Test build: Chrome gets the fixed `key`, pinning the extension id for end-to-end tests. */
  test: boolean;
  /** From package.json, so the two can never disagree. */
  version: string;
}

/** Firefox 142 is the first to understand `data_collection_permissions`, which AMO now expects. */
export const FIREFOX_MIN_VERSION = '142.0';
/** Matches the esbuild target chrome120. */
export const CHROME_MIN_VERSION = '120';

export function browserManifest(base: Manifest, options: ManifestOptions): Manifest {
  if ('version' in base) {
    throw new Error('manifest.json must not carry "version": the build takes it from package.json');
  }
  // Keep the familiar key order: manifest_version, name, version, then the rest.
  const { manifest_version, name, ...rest } = structuredClone(base);
  const manifest: Manifest = { manifest_version, name, version: options.version, ...rest };
  if (options.browser === 'chrome') {
    manifest.background = { service_worker: 'background.js' };
    manifest.minimum_chrome_version = CHROME_MIN_VERSION;
    // Chrome sends extension messages as JSON unless told otherwise (from Chrome 148; earlier versions ignore the
    // key and keep JSON). Structured clone copies a string as it is, where JSON scans it for escapes and the other
    // side parses it again: a 1 MB page's text cost the page 3.8-4.2 ms to post as JSON and 3.1-3.4 as a clone, and
    // the round trip to the background 17.3-18.2 against 9.0-9.5 (Chromium 156, medians of 25). Firefox always
    // clones, so the messages already work both ways.
    manifest.message_serialization = 'structured_clone';
    if (options.test) manifest.key = CHROME_TEST_PUBLIC_KEY;
  } else {
    manifest.background = { scripts: ['background.js'] };
    manifest.browser_specific_settings = {
      gecko: {
        id: FIREFOX_GECKO_ID,
        strict_min_version: FIREFOX_MIN_VERSION,
        // LureWatch reads pages only on the device and sends nothing anywhere.
        data_collection_permissions: { required: ['none'] },
      },
    };
  }
  return manifest;
}
