// The adversarial pages of the hostile-page suites (tests/e2e/hostile-{chromium,firefox}.test.ts): where each page is,
// what LureWatch must do on it and why. Both browsers read this one list, so they are held to the same outcomes.
// Small pages live in tests/e2e/pages/hostile/; the huge ones are made in memory when the test server starts.
import { MAX_REINSERTS } from '../../../src/content/top-banner.js';
import { startTestServer } from './test-server.js';
import type { StaticServer } from '../../../scripts/lib/server.js';

/**
 * banner: the page's own text earns a banner. frame-banner: the lure is only in a child frame, whose content script
 * reports it to the top frame, which shows the banner marked "in an embedded frame". removed: the page removes the
 * banner each time; it comes back MAX_REINSERTS times and then stays away. none: the lure is in a place LureWatch
 * deliberately does not read (the reason is the page's `why`), so no banner.
 */
export type Outcome = 'banner' | 'frame-banner' | 'removed' | 'none';

export interface HostilePage {
  name: string;
  path: string;
  outcome: Outcome;
  why: string;
  /** The page has the heartbeat (a ticking counter and a button): it must keep working. */
  heartbeat: boolean;
}

export const HOSTILE_DIR = '/test/hostile/';
/** Banner insertions a page that removes the banner sees in all: the first one and the bounded re-insertions. */
export const EXPECTED_INSERTIONS = 1 + MAX_REINSERTS;
/** The frame banner's "noticed" heading carries this (src/content/banner-text.ts, English browser). */
export const FROM_FRAME = '(in an embedded frame)';

const page = (name: string, file: string, outcome: Outcome, why: string, heartbeat = true): HostilePage => ({
  name,
  path: `${HOSTILE_DIR}${file}`,
  outcome,
  why,
  heartbeat,
});

export const HOSTILE_PAGES: HostilePage[] = [
  page('removes the banner', 'remover.html', 'removed', 'bounded re-insertion (src/content/top-banner.ts MAX_REINSERTS), no fight loop'),
  page(
    'patches DOM prototypes and globals',
    'patched.html',
    'banner',
    'content scripts run in an isolated world (Chromium) or an Xray sandbox (Firefox) and never see the page\'s patches',
  ),
  page('10 MB of text, lure at the start', 'huge-head.html', 'banner', 'the first 2,000,000 characters are read'),
  page('10 MB of text, lure at the end', 'huge-tail.html', 'none', 'reading stops at 2,000,000 characters (MAX_CHARS): the cost cap'),
  page(
    '1 MB of English and Chinese, Chinese lure in the middle',
    'mixed.html',
    'banner',
    'the wide text travels aside from the narrow copy and is put back before matching (src/narrow-text.ts)',
  ),
  page('10,000-level nesting', 'deep.html', 'banner', 'the reader is an iterative TreeWalker: no recursion to overflow'),
  page('mutation storm', 'storm.html', 'banner', 'changes are queued and read in slices; a backlog that only grows becomes one fresh survey, and what was read is scored at least every 500 ms'),
  page('same-origin frame', 'frame-same.html', 'frame-banner', 'all_frames: the frame reports to the top frame'),
  page('cross-origin frame', 'frame-cross.html', 'frame-banner', 'all_frames: the frame reports to the top frame'),
  page('srcdoc frame', 'frame-srcdoc.html', 'frame-banner', 'match_about_blank: the script runs in about:srcdoc frames of http pages'),
  page('sandboxed frame', 'frame-sandboxed.html', 'frame-banner', 'the sandbox stops page scripts, not extension scripts'),
  page('open shadow root', 'shadow-open.html', 'banner', 'open shadow roots are read where their host stands'),
  page('lure arriving later in an open shadow root', 'shadow-late.html', 'banner', 'each open shadow root the reader enters is observed too'),
  page('closed shadow root', 'shadow-closed.html', 'none', 'a closed shadow root is private to its page; LureWatch does not pry it open'),
  page('contenteditable', 'editable.html', 'none', 'editable regions hold what the person types, not the page\'s offer'),
  page('quirks mode', 'quirks.html', 'banner', 'tag names are compared upper-cased; nothing depends on the mode'),
  page('XHTML (application/xhtml+xml)', 'lure.xhtml', 'banner', 'lower-case XML tag names are read like HTML ones'),
  page('no body', 'nobody.html', 'banner', 'without <body> the whole document element is read'),
  page('SVG image document', 'image.svg', 'none', 'SVG text is not read (graphics, not prose)', false),
  page('evidence crafted as markup', 'markup.html', 'banner', 'every banner string is set with textContent'),
  page('squats the banner tag', 'squat.html', 'banner', 'a page-defined <lurewatch-banner> element cannot take the banner over'),
];

/** Content types the file extension alone does not give. */
const TYPES: Record<string, Record<string, string>> = {
  [`${HOSTILE_DIR}lure.xhtml`]: { 'Content-Type': 'application/xhtml+xml; charset=utf-8' },
  [`${HOSTILE_DIR}image.svg`]: { 'Content-Type': 'image/svg+xml; charset=utf-8' },
};

const LURE = `<p>Hi, I am the account manager at QuickTrust Lending. We have a special interest-free loan for retired
soldiers, and we can clear your debts in one week.</p>
<p>All we need is proof of your military service, a photo of your discharge certificate. Later you can earn more by
sharing some details about your old unit. Keep this between us.</p>`;

const LURE_ZH = `<p>你好，我们是一家境外咨询公司，看到你简历中写着在军工企业做技术员。现招聘高薪兼职咨询顾问，每篇报告报酬5000元，
只需要介绍一下你们单位的项目情况和研制进度。严格保密，不用告诉单位。</p>`;

/** About 10 MB of harmless paragraphs with the lure at the start or the end; made once per server, never committed. */
function hugePage(lureAt: 'head' | 'tail'): string {
  const paragraphs: string[] = [];
  let size = 0;
  for (let i = 0; size < 10_000_000; i++) {
    const p = `<p>Paragraph ${i}. The weather for the coastal towns: light rain in the morning, sun in the afternoon, a gentle breeze from the west.</p>\n`;
    paragraphs.push(p);
    size += p.length;
  }
  const lure = `<div>${LURE}</div>\n`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>10 MB | LureWatch hostile page</title></head>
<body>
<h1>Weather archive</h1>
${lureAt === 'head' ? lure : ''}${paragraphs.join('')}${lureAt === 'tail' ? lure : ''}<script src="heartbeat.js"></script>
</body></html>`;
}

/**
 * About 1 MB of English paragraphs with a Chinese one in ten and a Chinese lure half-way: big enough, and narrow
 * enough, that the page sends a narrow copy with the Chinese aside, which the background must put back to see the lure.
 */
function mixedPage(): string {
  const paragraphs: string[] = [];
  for (let i = 0; i < 7000; i++) {
    paragraphs.push(
      i % 10 === 9
        ? `<p>第${i}段。今天天气晴朗，我们在公园里散步，看到很多人在跑步和打太极拳。</p>\n`
        : `<p>Paragraph ${i}. The weather for the coastal towns: light rain in the morning, sun in the afternoon.</p>\n`,
    );
    if (i === 3500) paragraphs.push(`<div>${LURE_ZH}</div>\n`);
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mixed | LureWatch hostile page</title></head>
<body>
<h1>Weather archive, English and Chinese</h1>
${paragraphs.join('')}<script src="heartbeat.js"></script>
</body></html>`;
}

function crossOriginPage(frameOrigin: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Cross-origin frame | LureWatch hostile page</title></head>
<body>
<!-- The lure is in a frame of another origin (the second test server's port). -->
<h1>Garden club</h1>
<p>Welcome to the garden club newsletter. This week: tomatoes, compost and the spring plant swap in the village hall.</p>
<iframe src="${frameOrigin}${HOSTILE_DIR}frame-lure.html" width="600" height="300" title="messages"></iframe>
<script src="heartbeat.js"></script>
</body></html>`;
}

export interface HostileServers {
  /** Serves every hostile page. */
  main: StaticServer;
  /** Another port, so another origin: serves the cross-origin frame. */
  other: StaticServer;
  close(): Promise<void>;
}

export async function startHostileServers(): Promise<HostileServers> {
  const other = await startTestServer();
  const main = await startTestServer({
    headers: TYPES,
    generated: {
      [`${HOSTILE_DIR}huge-head.html`]: hugePage('head'),
      [`${HOSTILE_DIR}huge-tail.html`]: hugePage('tail'),
      [`${HOSTILE_DIR}mixed.html`]: mixedPage(),
      [`${HOSTILE_DIR}frame-cross.html`]: crossOriginPage(other.origin),
    },
  });
  return { main, other, close: async () => void (await Promise.all([main.close(), other.close()])) };
}

/**
 * What a test needs to know about a hostile page, read by one expression that returns a plain string of
 * "key=value" lines: no JSON, no Array methods, nothing the patched page sabotages, so the same probe works on every
 * page and in both browsers (through CDP in Chromium and a raw BiDi evaluate in Firefox).
 */
export const HOSTILE_PROBE = `(function () {
  var out = '';
  var put = function (key, value) { out += key + '=' + encodeURIComponent(String(value)) + '\\n'; };
  var banners = document.querySelectorAll('[data-lurewatch="banner"]');
  var host = banners.length > 0 ? banners[0] : null;
  var root = host ? host.shadowRoot : null;
  var text = function (id) { var e = document.getElementById(id); return e ? e.textContent : ''; };
  put('ready', document.documentElement.hasAttribute('data-lurewatch-ready'));
  put('banners', banners.length);
  put('severity', host ? host.getAttribute('data-severity') : '');
  put('bannerText', root ? root.textContent : '');
  put('bannerElements', root ? root.querySelectorAll('*').length : 0);
  put('bannerImages', root ? root.querySelectorAll('img, script, iframe').length : 0);
  put('pageImages', document.querySelectorAll('img').length);
  put('ticks', text('ticks'));
  put('pokes', text('pokes'));
  put('removals', text('removals'));
  put('hostileCalls', window.__hostileCalls === undefined ? '' : window.__hostileCalls);
  put('pwned', window.__pwned === undefined ? '' : window.__pwned);
  put('pageErrors', window.__pageErrors === undefined ? '' : window.__pageErrors);
  put('depth', window.__depth === undefined ? '' : window.__depth);
  put('squatted', window.__squatted === undefined ? '' : window.__squatted);
  put('editor', text('editor'));
  put('compatMode', document.compatMode);
  put('contentType', document.contentType);
  put('hasBody', document.body !== null);
  return out;
})()`;

export interface HostileState {
  ready: boolean;
  banners: number;
  severity: string;
  bannerText: string;
  bannerElements: number;
  bannerImages: number;
  pageImages: number;
  ticks: number;
  pokes: number;
  removals: number;
  hostileCalls: string;
  pwned: string;
  pageErrors: string;
  depth: string;
  squatted: string;
  editor: string;
  compatMode: string;
  contentType: string;
  hasBody: boolean;
}

export function parseProbe(raw: string): HostileState {
  const fields = new Map<string, string>();
  for (const line of raw.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) fields.set(line.slice(0, at), decodeURIComponent(line.slice(at + 1)));
  }
  const text = (key: string): string => fields.get(key) ?? '';
  const count = (key: string): number => Number(text(key) || '0');
  return {
    ready: text('ready') === 'true',
    banners: count('banners'),
    severity: text('severity'),
    bannerText: text('bannerText'),
    bannerElements: count('bannerElements'),
    bannerImages: count('bannerImages'),
    pageImages: count('pageImages'),
    ticks: count('ticks'),
    pokes: count('pokes'),
    removals: count('removals'),
    hostileCalls: text('hostileCalls'),
    pwned: text('pwned'),
    pageErrors: text('pageErrors'),
    depth: text('depth'),
    squatted: text('squatted'),
    editor: text('editor'),
    compatMode: text('compatMode'),
    contentType: text('contentType'),
    hasBody: text('hasBody') === 'true',
  };
}

/**
 * Where the page's poke button is, scrolled to the bottom of the viewport (the banner sits at the top), and whether a
 * click there would reach it. Uses only functions the patched page leaves alone.
 */
export const POKE_POINT = `(function () {
  var button = document.getElementById('poke');
  if (!button) return '';
  var rect = button.getBoundingClientRect();
  window.scrollBy(0, rect.bottom - window.innerHeight + 40);
  rect = button.getBoundingClientRect();
  var x = rect.left + rect.width / 2;
  var y = rect.top + rect.height / 2;
  return x + ',' + y + ',' + (document.elementFromPoint(x, y) === button);
})()`;

export function parsePoint(raw: string): { x: number; y: number; reachable: boolean } | null {
  const [x, y, reachable] = raw.split(',');
  return raw ? { x: Number(x), y: Number(y), reachable: reachable === 'true' } : null;
}

/** One error or warning a page, a frame or the content script logged, with the script it came from. */
export interface LoggedProblem {
  text: string;
  url: string;
}

/**
 * Problems that matter: everything but the favicon 404 the browser fetches on its own. Each is labelled with who
 * caused it, so a failure says at once whether the extension or the page is to blame.
 */
export function attribute(problems: readonly LoggedProblem[], extensionOrigin: string): string[] {
  return problems
    .filter((p) => !/favicon\.ico/.test(p.url) && !/favicon\.ico/.test(p.text))
    .map((p) => `${p.url.startsWith(extensionOrigin) || /lurewatch|extension context/i.test(p.text) ? 'EXTENSION' : 'page'}: ${p.text} (${p.url || 'no location'})`);
}

/** What must hold on a page beyond its banner, as a list of what does not (empty when all is well). */
export function pageSpecificProblems(hostile: HostilePage, state: HostileState): string[] {
  const problems: string[] = [];
  const want = (ok: boolean, what: string): void => void (ok || problems.push(what));
  switch (hostile.path.slice(HOSTILE_DIR.length)) {
    case 'patched.html':
      want(state.hostileCalls === '0', `LureWatch called functions the page had patched (${state.hostileCalls} calls)`);
      break;
    case 'markup.html':
      want(state.bannerText.includes('<img src=x onerror='), 'the banner does not quote the markup as text');
      want(state.bannerImages === 0, 'the banner holds an element made from page text');
      want(state.pageImages === 0, 'an <img> appeared in the page');
      want(state.pwned === '', 'a handler from page text ran');
      break;
    case 'deep.html':
      want(Number(state.depth) > 10_000, `the page is only ${state.depth} levels deep`);
      break;
    case 'quirks.html':
      want(state.compatMode === 'BackCompat', `the page is in ${state.compatMode}, not quirks mode`);
      break;
    case 'lure.xhtml':
      want(state.contentType === 'application/xhtml+xml', `served as ${state.contentType}`);
      break;
    case 'nobody.html':
      want(!state.hasBody, 'the page still has a body');
      break;
    case 'image.svg':
      want(state.contentType === 'image/svg+xml', `served as ${state.contentType}`);
      break;
    case 'squat.html':
      want(Number(state.squatted) > 0, 'the page\'s element class never ran: it did not squat the tag');
      break;
    default:
  }
  return problems;
}

/** The lure a person types into the editor of editable.html: typed text is theirs and never read. */
export const TYPED_LURE = ' We have a special interest-free loan for retired soldiers.';
