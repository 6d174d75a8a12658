// One measured visit of a generated page in one browser: the load (navigation, first survey, until the page has been
// quiet a while) under the CPU profiler, then the page's own activity for the pages that have one (a chat's 100
// messages, animation frames, typing), then the lure on the chat page, then the heap.
import type { PageName } from './bench-args.js';
import type { ProfileCost } from './bench-profile.js';
import { typedText } from './bench-pages.js';
import type { Tab } from './bench-browser.js';

/**
 * How long a visit watches after the load event. The content script starts at document_idle and reads the page in
 * slices, so the big pages need longer; the benchmark warns when our code still ran near the end of the window.
 */
export const SETTLE_MS: Record<PageName, number> = {
  typical: 1500,
  mb: 3000,
  dom20k: 2000,
  dom200k: 5000,
  chat: 1500,
  raf: 1500,
  typing: 1500,
};
/** How long the animation-frame page mutates. */
export const RAF_MS = 3000;

export interface Activity {
  /** What the page did, e.g. "typing in a textarea". */
  label: string;
  cost: ProfileCost;
  /** How many units of activity (messages, frames, keystrokes) the profile covers. */
  units: number;
  unit: 'message' | 'frame' | 'keystroke';
}

export interface Visit {
  load: ProfileCost;
  /** The page's activities after the load, each profiled on its own. */
  activities: Activity[];
  /** Chat page with the extension: ms from the lure message's arrival to the banner; null when no banner came. */
  lureToBannerMs: number | null;
  heapBytes: number;
  /** The background's matching time during the visit (load and activities); null without the extension. */
  backgroundMs: number | null;
}

export async function visit(tab: Tab, name: PageName, url: string): Promise<Visit> {
  const page = tab.page;
  const backgroundBefore = await tab.backgroundMs();
  const load = await tab.profiled(async () => {
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    await page.waitForTimeout(SETTLE_MS[name]);
  });
  const activities: Activity[] = [];
  let lureToBannerMs: number | null = null;
  if (name === 'chat') {
    const cost = await tab.profiled(async () => {
      await page.evaluate('window.__bench.start()');
      await page.waitForFunction('window.__bench.done === true', undefined, { timeout: 60_000 });
      await page.waitForTimeout(500); // the last message's read, 64 ms later, and its scoring
    });
    activities.push({ label: 'new 1 KB chat messages', cost, units: (await page.evaluate('window.__bench.sent')) as number, unit: 'message' });
    if (tab.browser.ourPrefix !== null) {
      await page.evaluate('window.__bench.lure()');
      lureToBannerMs = await page
        .waitForFunction('window.__bench.bannerAt !== null && window.__bench.bannerAt - window.__bench.lureAt', undefined, { timeout: 10_000 })
        .then(async (handle) => (await handle.jsonValue()) as number)
        .catch(() => null);
    }
  } else if (name === 'raf') {
    const cost = await tab.profiled(async () => {
      await page.evaluate(`window.__bench.start(${RAF_MS})`);
      await page.waitForFunction('window.__bench.done === true', undefined, { timeout: 60_000 });
      await page.waitForTimeout(300);
    });
    activities.push({ label: 'a mutation every frame', cost, units: (await page.evaluate('window.__bench.frames')) as number, unit: 'frame' });
  } else if (name === 'typing') {
    const text = typedText();
    // A textarea (its value is no DOM change) and a contenteditable editor (every keystroke changes the DOM).
    for (const [selector, label, read] of [
      ['#field', 'typing in a textarea', `document.querySelector('#field').value.length`],
      ['#editor', 'typing in a contenteditable', `document.querySelector('#editor').textContent.length`],
    ] as const) {
      await page.click(selector);
      const cost = await tab.profiled(async () => {
        // One keydown, keypress/input and keyup per character, through the protocol's Input.dispatchKeyEvent.
        await page.keyboard.type(text);
        await page.waitForTimeout(300);
      });
      const typed = (await page.evaluate(read)) as number;
      if (typed !== text.length) throw new Error(`typed ${text.length} characters but ${selector} holds ${typed}`);
      activities.push({ label, cost, units: typed, unit: 'keystroke' });
    }
  }
  const backgroundAfter = await tab.backgroundMs();
  return {
    load,
    activities,
    lureToBannerMs,
    heapBytes: await tab.heapBytes(),
    // A worker stopped and started again meanwhile counts from zero.
    backgroundMs:
      backgroundBefore === null || backgroundAfter === null ? null : backgroundAfter >= backgroundBefore ? backgroundAfter - backgroundBefore : backgroundAfter,
  };
}

/** Text characters and DOM nodes of the page in a tab (for the table: what each page really holds). */
export async function pageSize(tab: Tab): Promise<{ chars: number; nodes: number }> {
  return (await tab.page.evaluate(`(() => {
    const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_ALL);
    let nodes = 1;
    let chars = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes++;
      const parent = node.parentNode && node.parentNode.nodeName;
      if (node.nodeType === 3 && parent !== 'SCRIPT' && parent !== 'STYLE') chars += node.data.length;
    }
    return { chars, nodes };
  })()`)) as { chars: number; nodes: number };
}
