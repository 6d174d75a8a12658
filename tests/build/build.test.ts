// Builds the real extension (production and TEST) into temporary folders and checks what the browsers and the
// stores will see: the per-browser manifests, the files they reference, the bundles, and web-ext lint.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, BROWSERS, ICON_SIZES, ROOT, type BuildResult } from '../../scripts/build.js';
import { CHROME_TEST_EXTENSION_ID, CHROME_TEST_PUBLIC_KEY, FIREFOX_GECKO_ID } from '../../scripts/lib/test-key.js';
import { lintFirefoxBuild, type LintMessage } from '../../scripts/lib/web-ext.js';

interface ContentScript {
  matches: string[];
  js?: string[];
  css?: string[];
  run_at?: string;
  all_frames?: boolean;
  match_about_blank?: boolean;
}

interface Manifest {
  manifest_version: number;
  name: string;
  version: string;
  description: string;
  default_locale: string;
  key?: string;
  message_serialization?: string;
  icons: Record<string, string>;
  action: { default_popup: string; default_title: string; default_icon?: Record<string, string> };
  background: { service_worker?: string; scripts?: string[] };
  permissions: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  content_scripts: ContentScript[];
  content_security_policy: { extension_pages: string };
  web_accessible_resources?: unknown[];
  browser_specific_settings?: {
    gecko?: { id: string; strict_min_version: string; data_collection_permissions: { required: string[] } };
  };
}

const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const quiet = (): void => {};
let tmp = '';
let production: BuildResult;
let testBuild: BuildResult;

function dirOf(result: BuildResult, browser: (typeof BROWSERS)[number]): string {
  const dir = result.dirs[browser];
  if (dir === undefined) throw new Error(`no ${browser} folder in this build`);
  return dir;
}

function manifestOf(result: BuildResult, browser: (typeof BROWSERS)[number]): Manifest {
  return JSON.parse(readFileSync(join(dirOf(result, browser), 'manifest.json'), 'utf8')) as Manifest;
}

/** Every path the manifest points at, relative to the extension root. */
function referencedFiles(manifest: Manifest): string[] {
  return [
    ...Object.values(manifest.icons),
    ...Object.values(manifest.action.default_icon ?? {}),
    manifest.action.default_popup,
    ...(manifest.background.service_worker === undefined ? [] : [manifest.background.service_worker]),
    ...(manifest.background.scripts ?? []),
    ...manifest.content_scripts.flatMap((script) => [...(script.js ?? []), ...(script.css ?? [])]),
    `_locales/${manifest.default_locale}/messages.json`,
  ];
}

/** Local files a page loads through src= and href= (external URLs would be blocked by the CSP anyway). */
function pageReferences(html: string): string[] {
  return [...html.matchAll(/\b(?:src|href)\s*=\s*["']([^"'#?]+)/gi)]
    .map((match) => match[1]!)
    .filter((ref) => !/^[a-z][a-z0-9+.-]*:/i.test(ref) && !ref.startsWith('//'));
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'lurewatch-build-'));
  production = await build({ test: false, outDir: join(tmp, 'dist'), log: quiet });
  testBuild = await build({ test: true, outDir: join(tmp, 'dist-test'), log: quiet });
  console.log(`bundle sizes: ${production.bundles.map((b) => `${b.file} ${(b.bytes / 1024).toFixed(1)} KB`).join(', ')}`);
});

afterAll(() => {
  if (tmp !== '') rmSync(tmp, { recursive: true, force: true });
});

describe.each(['production', 'test'] as const)('%s build', (kind) => {
  const result = (): BuildResult => (kind === 'production' ? production : testBuild);

  it.each(BROWSERS)('%s: a valid MV3 manifest with the shared settings', (browser) => {
    const manifest = manifestOf(result(), browser);
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.version).toBe(version);
    expect(manifest.name).toBe('__MSG_extName__');
    expect(manifest.description).toBe('__MSG_extDescription__');
    expect(manifest.default_locale).toBe('en');
    expect(manifest.permissions).toEqual(['storage']);
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.optional_permissions).toBeUndefined();
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.content_security_policy).toEqual({ extension_pages: "script-src 'self'; object-src 'none'" });
    expect(manifest.action.default_popup).toBe('popup.html');
    expect(manifest.action.default_title).toBe('__MSG_actionTitle__');
    expect(manifest.content_scripts).toEqual([
      {
        matches: ['http://*/*', 'https://*/*'],
        js: ['content.js'],
        run_at: 'document_idle',
        all_frames: true,
        // about:blank and srcdoc frames of a matching page hold page text too (web mail shows messages in them).
        match_about_blank: true,
      },
    ]);
    expect(Object.keys(manifest.icons).map(Number)).toEqual([...ICON_SIZES]);
  });

  it('chrome: a service worker background, and the fixed key only in the test build', () => {
    const manifest = manifestOf(result(), 'chrome');
    expect(manifest.background).toEqual({ service_worker: 'background.js' });
    expect(manifest.message_serialization).toBe('structured_clone');
    expect(manifest.browser_specific_settings).toBeUndefined();
    if (kind === 'test') expect(manifest.key).toBe(CHROME_TEST_PUBLIC_KEY);
    else expect(manifest.key).toBeUndefined();
  });

  it('firefox: background scripts, the gecko id, minimum version and data collection declaration', () => {
    const manifest = manifestOf(result(), 'firefox');
    expect(manifest.background).toEqual({ scripts: ['background.js'] });
    expect(manifest.key).toBeUndefined();
    expect(manifest.message_serialization, 'Firefox always clones and does not know the key').toBeUndefined();
    expect(manifest.browser_specific_settings).toEqual({
      gecko: { id: FIREFOX_GECKO_ID, strict_min_version: '142.0', data_collection_permissions: { required: ['none'] } },
    });
  });

  it.each(BROWSERS)('%s: every file the manifest, the popup and the first-run page reference exists', (browser) => {
    const dir = dirOf(result(), browser);
    const manifest = manifestOf(result(), browser);
    const popup = readFileSync(join(dir, manifest.action.default_popup), 'utf8');
    // The background opens welcome.html on install (background/service.ts FIRST_RUN_PAGE).
    const welcome = readFileSync(join(dir, 'welcome.html'), 'utf8');
    const files = [...referencedFiles(manifest), ...pageReferences(popup), ...pageReferences(welcome)];
    expect(pageReferences(popup)).toContain('popup.js');
    expect(pageReferences(welcome)).toEqual(expect.arrayContaining(['welcome.js', 'welcome.css', 'welcome-picture.svg']));
    for (const file of files) {
      expect(normalize(file).startsWith('..'), `${file} leaves the extension folder`).toBe(false);
      expect(existsSync(join(dir, file)), `${browser}: ${file} is referenced but missing`).toBe(true);
    }
  });

  it.each(BROWSERS)('%s: bundles use neither eval nor the Function constructor, and no build constant is left', (browser) => {
    const dir = dirOf(result(), browser);
    for (const file of ['content.js', 'background.js', 'popup.js', 'welcome.js']) {
      const code = readFileSync(join(dir, file), 'utf8');
      expect(code, `${file} uses eval(`).not.toMatch(/(^|[^\w$.])eval\s*\(/);
      expect(code, `${file} uses new Function`).not.toMatch(/new\s+Function\b/);
      expect(code, `${file} calls Function(`).not.toMatch(/(^|[^\w$.])Function\s*\(/);
      // An undefined __LUREWATCH_TEST__ would throw a ReferenceError in the browser.
      expect(code, `${file} still mentions __LUREWATCH_TEST__`).not.toContain('__LUREWATCH_TEST__');
      expect(code, `${file} still mentions __LUREWATCH_VERSION__`).not.toContain('__LUREWATCH_VERSION__');
    }
  });

  it.each(BROWSERS)('%s: bundles hold no network API and no remote address', (browser) => {
    // The runtime guarantee is the e2e "no network request" test; this one catches a network call the moment it
    // is written, even on a code path the browser tests never reach.
    const dir = dirOf(result(), browser);
    for (const file of ['content.js', 'background.js', 'popup.js', 'welcome.js']) {
      const code = readFileSync(join(dir, file), 'utf8');
      for (const api of [/(^|[^\w$])fetch\s*\(/, /XMLHttpRequest/, /WebSocket/, /sendBeacon/, /EventSource/, /importScripts/, /RTCPeerConnection/]) {
        expect(code, `${file} uses ${api.source}`).not.toMatch(api);
      }
      expect(code, `${file} names a remote address`).not.toMatch(/(https?|wss?):\/\/[a-z0-9]/i);
    }
  });
});

describe('the two builds', () => {
  it('the Chrome test key gives the pinned extension id', () => {
    // End-to-end tests open chrome-extension://lpjiccglgakakmmgkanbjmbpjbmaipnd/popup.html; changing the key breaks them.
    expect(CHROME_TEST_EXTENSION_ID).toBe('lpjiccglgakakmmgkanbjmbpjbmaipnd');
  });

  it('ship the same files, and production differs from test only in the manifest key and the test constant', () => {
    for (const browser of BROWSERS) {
      const prodManifest = manifestOf(production, browser);
      const testManifest = manifestOf(testBuild, browser);
      delete testManifest.key;
      expect(testManifest, browser).toEqual(prodManifest);
    }
  });

  it('web-ext lint reports 0 errors and 0 warnings on the Firefox production build', () => {
    const report = lintFirefoxBuild(dirOf(production, 'firefox'));
    const show = (list: LintMessage[]): string =>
      list.map((m) => `  ${m.code}: ${m.message}${m.file ? ` (${m.file}${m.line ? `:${m.line}` : ''})` : ''}`).join('\n');
    const details = `errors:\n${show(report.errors)}\nwarnings:\n${show(report.warnings)}`;
    expect(report.summary.errors, details).toBe(0);
    expect(report.summary.warnings, details).toBe(0);
  });
});
