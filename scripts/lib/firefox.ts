// Launches Debian's Firefox ESR headless with the unpacked extension and drives it over WebDriver BiDi.
// The recipe is ../shared/docs/browsers.md: --remote-debugging-port=0 prints the BiDi address, webExtension.install
// loads the folder as a temporary add-on, and the profile's user.js pins the extension's UUID so tests can open
// moz-extension://UUID/popup.html (which needs --remote-allow-system-access).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BidiClient } from './bidi.js';

export const FIREFOX_PATH = '/usr/bin/firefox-esr';
export const FIREFOX_INSTALL_HINT = 'sudo apt-get install firefox-esr';

export interface FirefoxOptions {
  extensionDir: string;
  /** The add-on's gecko id (browser_specific_settings.gecko.id) and the UUID to pin for it. */
  geckoId: string;
  uuid: string;
  /** Size of every tab's viewport, in CSS pixels. */
  viewport?: { width: number; height: number };
  /** "127.0.0.1:PORT" of a recording proxy that every request, loopback included, must pass through. */
  proxy?: string;
  /** More preferences for the profile (e.g. a short idle time for the add-on's event page). */
  prefs?: Record<string, string | number | boolean>;
  /**
   * The first-run page LureWatch opens on install (every launch installs it afresh): 'close' (the default) waits
   * for its tab and closes it, so that a run's tabs are only its own; 'keep' leaves it open (`firstRunTab`).
   */
  firstRun?: 'close' | 'keep';
}

/** The page the background opens on install (src/background/service.ts FIRST_RUN_PAGE). */
export const FIRST_RUN_PAGE = 'welcome.html';
const FIRST_RUN_WAIT_MS = 15_000;

/** One network.beforeRequestSent event, reduced to what the tests look at. */
export interface FirefoxRequest {
  url: string;
  method: string;
  /** The browsing context (tab or frame) the request belongs to; null for requests of no page (background, browser). */
  context: string | null;
  initiatorType: string | null;
  destination: string | null;
}

/** A console message or uncaught error of a page or content script (log.entryAdded). */
export interface FirefoxLogEntry {
  level: string;
  text: string;
  /** Script URL of the first stack frame, when there is one (moz-extension://... for the content script). */
  url: string | null;
}

export interface FirefoxWithExtension {
  bidi: BidiClient;
  extensionOrigin: string;
  /** The first-run page's tab, when launched with firstRun 'keep' (null for an extension that opens none). */
  firstRunTab: string | null;
  /** Every request Firefox reported since launch (network.beforeRequestSent), oldest first. */
  requests: FirefoxRequest[];
  /** Warnings and errors logged in pages and content scripts since launch. */
  logs: FirefoxLogEntry[];
  /**
   * Opens a new tab (or a tab in a new window, which leaves the current tab visible, as a real toolbar popup does)
   * and returns its browsing context id.
   */
  newTab(kind?: 'tab' | 'window', size?: { width: number; height: number }): Promise<string>;
  closeTab(context: string): Promise<void>;
  /** Navigates and waits for the load event. */
  navigate(context: string, url: string): Promise<void>;
  reload(context: string): Promise<void>;
  /** Evaluates an expression (awaited if it is a promise) in the page and returns its value through JSON. */
  evaluate<T>(context: string, expression: string): Promise<T>;
  /** Polls an expression until it is truthy; returns its value or throws after timeoutMs. */
  waitFor<T>(context: string, expression: string, timeoutMs?: number): Promise<T>;
  /** Runs a function declaration in every new document of the given tabs before the page's own scripts. */
  addPreloadScript(functionDeclaration: string, contexts?: string[]): Promise<string>;
  removePreloadScript(script: string): Promise<void>;
  /** A real mouse click at a viewport point (CSS pixels). */
  clickAt(context: string, x: number, y: number): Promise<void>;
  /** A real click at the centre of the element an expression returns (may reach into shadow roots). */
  clickElement(context: string, elementExpression: string): Promise<void>;
  screenshot(context: string, path: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Preferences for a quiet, test-only profile: no telemetry, updates, studies, captive-portal or safe-browsing
 * checks, prefetching or other background requests, so every request that remains came from a page or an add-on.
 */
function userJs(geckoId: string, uuid: string, proxy: string | undefined, extra: Record<string, string | number | boolean> = {}): string {
  const prefs: Record<string, string | number | boolean> = {
    ...(proxy ? proxyPrefs(proxy) : {}),
    'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
    'datareporting.healthreport.uploadEnabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.archive.enabled': false,
    'toolkit.telemetry.server': '',
    'app.update.enabled': false,
    'app.update.auto': false,
    'app.update.checkInstallTime': false,
    'app.normandy.enabled': false,
    'app.shield.optoutstudies.enabled': false,
    'extensions.update.enabled': false,
    'extensions.update.autoUpdateDefault': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.blocklist.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'extensions.htmlaboutaddons.recommendations.enabled': false,
    'browser.discovery.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.blockedURIs.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.downloads.remote.enabled': false,
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'browser.search.update': false,
    'browser.search.geoip.url': '',
    'browser.region.network.url': '',
    'browser.region.update.enabled': false,
    'geo.provider.network.url': '',
    'media.gmp-manager.url': '',
    'media.gmp-manager.updateEnabled': false,
    // Widevine is fetched from Google's update service (update.googleapis.com), not Mozilla's.
    'media.gmp-manager.chromium-update-url': '',
    'media.gmp-widevinecdm.enabled': false,
    'media.gmp-widevinecdm.allow-chromium-update': false,
    'media.gmp-gmpopenh264.enabled': false,
    'media.gmp-provider.enabled': false,
    'media.eme.enabled': false,
    'identity.fxaccounts.enabled': false,
    'dom.push.connection.enabled': false,
    'browser.translations.enable': false,
    'browser.ml.enable': false,
    'browser.urlbar.quicksuggest.enabled': false,
    'security.remote_settings.crlite_filters.enabled': false,
    'security.remote_settings.intermediates.enabled': false,
    'extensions.getAddons.discovery.api_url': 'data:, ',
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.predictor.enabled': false,
    'network.http.speculative-parallel-limit': 0,
    'network.trr.mode': 5,
    'services.settings.server': 'data:,#remote-settings-disabled',
    'browser.newtabpage.enabled': false,
    'browser.newtabpage.activity-stream.feeds.system.topstories': false,
    'browser.newtabpage.activity-stream.feeds.snippets': false,
    'browser.topsites.contile.enabled': false,
    'browser.startup.homepage': 'about:blank',
    'browser.startup.page': 0,
    'browser.shell.checkDefaultBrowser': false,
    'browser.aboutwelcome.enabled': false,
    'browser.ping-centre.telemetry': false,
    'browser.tabs.warnOnClose': false,
    'toolkit.startup.max_resumed_crashes': -1,
    ...extra,
  };
  return Object.entries(prefs)
    .map(([key, value]) => `user_pref(${JSON.stringify(key)}, ${JSON.stringify(value)});`)
    .join('\n');
}

/** Every request through one HTTP proxy, loopback included (Firefox bypasses the proxy for localhost by default). */
function proxyPrefs(proxy: string): Record<string, string | number | boolean> {
  const [host = '127.0.0.1', port = '0'] = proxy.split(':');
  return {
    'network.proxy.type': 1,
    'network.proxy.http': host,
    'network.proxy.http_port': Number(port),
    'network.proxy.ssl': host,
    'network.proxy.ssl_port': Number(port),
    'network.proxy.share_proxy_settings': true,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
  };
}

/** Throws an Error that says what to install when Firefox ESR is missing. */
export function assertFirefoxInstalled(): void {
  if (!existsSync(FIREFOX_PATH)) {
    throw new Error(`Firefox ESR is not installed (${FIREFOX_PATH} is missing). Install it with:\n  ${FIREFOX_INSTALL_HINT}`);
  }
}

export async function launchFirefox(options: FirefoxOptions): Promise<FirefoxWithExtension> {
  assertFirefoxInstalled();
  const extensionDir = resolve(options.extensionDir);
  if (!existsSync(join(extensionDir, 'manifest.json'))) throw new Error(`no manifest.json in ${extensionDir}: build first`);
  const profile = await mkdtemp(join(tmpdir(), 'lurewatch-firefox-'));
  await writeFile(join(profile, 'user.js'), userJs(options.geckoId, options.uuid, options.proxy, options.prefs));
  const child = spawn(
    FIREFOX_PATH,
    ['--headless', '--no-remote', '--remote-debugging-port=0', '--remote-allow-system-access', '--profile', profile],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      // Release builds ignore services.settings.server unless MOZ_REMOTE_SETTINGS_DEVTOOLS is set; without it Firefox
      // polls firefox.settings.services.mozilla.com, which the no-network test would have to explain away.
      env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1', MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    },
  );
  let bidi: BidiClient | undefined;
  const cleanUp = async (): Promise<void> => {
    // browser.close lets Firefox shut down cleanly; the signal below is the fallback.
    await bidi?.send('browser.close', {}, 5_000).catch(() => undefined);
    bidi?.close();
    await stopProcess(child);
    await rm(profile, { recursive: true, force: true });
  };
  try {
    const address = await bidiAddress(child);
    bidi = await BidiClient.connect(`${address}/session`);
    await bidi.send('session.new', { capabilities: {} });
    const requests: FirefoxRequest[] = [];
    bidi.on('network.beforeRequestSent', (params) => {
      const request = params.request as { url: string; method: string; destination?: string };
      const initiator = params.initiator as { type?: string } | undefined;
      requests.push({
        url: request.url,
        method: request.method,
        context: (params.context as string | null | undefined) ?? null,
        initiatorType: initiator?.type ?? null,
        destination: request.destination ?? null,
      });
    });
    const logs: FirefoxLogEntry[] = [];
    bidi.on('log.entryAdded', (params) => {
      const level = String(params.level ?? '');
      if (level !== 'warn' && level !== 'error') return;
      const frames = (params.stackTrace as { callFrames?: { url?: string }[] } | undefined)?.callFrames ?? [];
      logs.push({ level, text: String(params.text ?? ''), url: frames[0]?.url ?? null });
    });
    // Subscribed before the add-on is installed, so even its first request would be seen.
    await bidi.send('session.subscribe', { events: ['network.beforeRequestSent', 'log.entryAdded'] });
    await bidi.send('webExtension.install', { extensionData: { type: 'path', path: extensionDir } });
    const origin = `moz-extension://${options.uuid}`;
    const firstRunTab = existsSync(join(extensionDir, FIRST_RUN_PAGE)) ? await waitForTab(bidi, `${origin}/${FIRST_RUN_PAGE}`) : null;
    if (firstRunTab && (options.firstRun ?? 'close') === 'close') await bidi.send('browsingContext.close', { context: firstRunTab });
    const keep = options.firstRun === 'keep' ? firstRunTab : null;
    return driver(bidi, origin, keep, requests, logs, options.viewport ?? { width: 1280, height: 800 }, cleanUp);
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

function driver(
  bidi: BidiClient,
  extensionOrigin: string,
  firstRunTab: string | null,
  requests: FirefoxRequest[],
  logs: FirefoxLogEntry[],
  viewport: { width: number; height: number },
  close: () => Promise<void>,
): FirefoxWithExtension {
  const evaluate = async <T>(context: string, expression: string): Promise<T> => {
    // JSON round trip: simpler than decoding BiDi remote values, and enough for what the tests read.
    const result = await bidi.send<{ type: string; result?: { value?: string }; exceptionDetails?: { text?: string } }>(
      'script.evaluate',
      {
        expression: `(async () => JSON.stringify(await (${expression}) ?? null))()`,
        target: { context },
        awaitPromise: true,
      },
    );
    if (result.type !== 'success') throw new Error(`evaluate failed: ${result.exceptionDetails?.text ?? 'exception'}\n${expression}`);
    return JSON.parse(result.result?.value ?? 'null') as T;
  };
  const clickAt = async (context: string, x: number, y: number): Promise<void> => {
    await bidi.send('input.performActions', {
      context,
      actions: [
        {
          type: 'pointer',
          id: 'mouse',
          parameters: { pointerType: 'mouse' },
          actions: [
            { type: 'pointerMove', x: Math.round(x), y: Math.round(y) },
            { type: 'pointerDown', button: 0 },
            { type: 'pointerUp', button: 0 },
          ],
        },
      ],
    });
  };
  return {
    bidi,
    extensionOrigin,
    firstRunTab,
    requests,
    logs,
    async newTab(kind = 'tab', size = viewport) {
      const { context } = await bidi.send<{ context: string }>('browsingContext.create', { type: kind });
      await bidi.send('browsingContext.setViewport', { context, viewport: size });
      return context;
    },
    async closeTab(context) {
      await bidi.send('browsingContext.close', { context });
    },
    async navigate(context, url) {
      await bidi.send('browsingContext.navigate', { context, url, wait: 'complete' });
    },
    async reload(context) {
      await bidi.send('browsingContext.reload', { context, wait: 'complete' });
    },
    evaluate,
    async waitFor<T>(context: string, expression: string, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await evaluate<T>(context, expression).catch(() => null);
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${expression}`);
        await new Promise((done) => setTimeout(done, 50));
      }
    },
    async addPreloadScript(functionDeclaration, contexts) {
      const { script } = await bidi.send<{ script: string }>('script.addPreloadScript', {
        functionDeclaration,
        ...(contexts ? { contexts } : {}),
      });
      return script;
    },
    async removePreloadScript(script) {
      await bidi.send('script.removePreloadScript', { script });
    },
    clickAt,
    async clickElement(context, elementExpression) {
      const box = await evaluate<{ x: number; y: number } | null>(
        context,
        `(() => { const el = ${elementExpression}; if (!el) return null; el.scrollIntoView({ block: 'center' });
          const r = el.getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; })()`,
      );
      if (!box) throw new Error(`nothing to click: ${elementExpression}`);
      await clickAt(context, box.x, box.y);
    },
    async screenshot(context, path) {
      const { data } = await bidi.send<{ data: string }>('browsingContext.captureScreenshot', { context });
      await writeFile(path, Buffer.from(data, 'base64'));
    },
    close,
  };
}

/** The top-level tab showing `url`, once it is there (the add-on opens it from its install event). */
async function waitForTab(bidi: BidiClient, url: string): Promise<string> {
  const deadline = Date.now() + FIRST_RUN_WAIT_MS;
  for (;;) {
    const { contexts } = await bidi.send<{ contexts: Array<{ context: string; url: string }> }>('browsingContext.getTree', { maxDepth: 0 });
    const found = contexts.find((context) => context.url === url);
    if (found) return found.context;
    if (Date.now() > deadline) throw new Error(`the add-on did not open ${url} within ${FIRST_RUN_WAIT_MS} ms of its install`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** Reads "WebDriver BiDi listening on ws://..." from Firefox's output. */
function bidiAddress(child: ChildProcess): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`Firefox did not start WebDriver BiDi within 60 s:\n${output.slice(-2000)}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      output += String(chunk);
      const match = /WebDriver BiDi listening on (ws:\/\/[^\s]+)/.exec(output);
      if (match?.[1]) {
        cleanup();
        resolvePromise(match[1]);
      }
    };
    const onExit = (code: number | null): void => fail(new Error(`Firefox exited (${code}) before BiDi was ready:\n${output.slice(-2000)}`));
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      // Keep draining the pipes so Firefox never blocks on a full one.
      child.stdout?.resume();
      child.stderr?.resume();
    };
    const fail = (error: Error): void => {
      cleanup();
      reject(error);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** SIGTERM, then SIGKILL if Firefox has not exited after 5 s. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
