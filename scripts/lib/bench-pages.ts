// The pages of `npm run -s bench:page`, made in memory from a seeded generator: plain everyday prose (a fixed list
// of bland words, never corpus text), so no page earns a banner except where a lure is added on purpose.
// Every page is a complete HTML document without external resources: the browser loads one response.
import type { PageName } from './bench-args.js';

const EN_WORDS = (
  'the a of and to in with on for at from by garden river morning bread walk window table quiet music paper light ' +
  'green small village road autumn kitchen recipe coffee tea apple orange rain cloud sunny evening weekend market ' +
  'bicycle library book chapter story painting colour blue yellow warm cold soup salad butter flour oven minutes ' +
  'slowly gently carefully bright soft long short old new friendly neighbour children park bench tree leaves ' +
  'flowers bird song piano lesson school holiday beach sand shell boat harbour lighthouse hill path stone bridge ' +
  'was is are were had has will can could would should might make makes made take took see saw look looked ' +
  'wait waited sit sat stay stayed walked cooked baked read wrote painted planted watered sang played'
).split(' ');
const ZH_WORDS = '花园 天气 早餐 散步 河边 面包 喝茶 读书 音乐 周末 公园 树叶 小鸟 钢琴 厨房 汤 苹果 下雨 晴天 小路 石桥 海边 灯塔 邻居 孩子'.split(' ');

/** A deterministic generator (Park-Miller), so every run sees the same pages. */
export class Prose {
  private state: number;
  constructor(seed = 42) {
    this.state = seed % 2147483647 || 1;
  }
  next(): number {
    this.state = (this.state * 16807) % 2147483647;
    return this.state / 2147483647;
  }
  private pick(words: readonly string[]): string {
    return words[Math.floor(this.next() * words.length)]!;
  }
  /** English prose of about `chars` characters, in sentences. */
  en(chars: number): string {
    let out = '';
    while (out.length < chars) {
      const n = 6 + Math.floor(this.next() * 10);
      const words: string[] = [];
      for (let i = 0; i < n; i++) words.push(this.pick(EN_WORDS));
      const sentence = words.join(' ');
      out += (out ? ' ' : '') + sentence[0]!.toUpperCase() + sentence.slice(1) + '.';
    }
    return out;
  }
  /** One to three words, for the many small text nodes of a big DOM. */
  few(): string {
    const n = 1 + Math.floor(this.next() * 3);
    const words: string[] = [];
    for (let i = 0; i < n; i++) words.push(this.pick(EN_WORDS));
    return words.join(' ');
  }
  /** Chinese prose of about `chars` characters. */
  zh(chars: number): string {
    let out = '';
    while (out.length < chars) {
      const n = 4 + Math.floor(this.next() * 6);
      for (let i = 0; i < n; i++) out += this.pick(ZH_WORDS);
      out += '。';
    }
    return out;
  }
}

/**
 * The lure added to the chat page: written for this benchmark, one message holding a whole recruitment pattern
 * (an approach, a payment, secrecy, a sensitive target), so the banner can follow this single arrival.
 */
export const LURE_MESSAGE =
  'Hi, a research company I work with needs local people for information collection, no experience needed. ' +
  '$150 a day, paid every evening in crypto. Add me on Telegram and keep it to yourself. The task is to take ' +
  'photos of the warships docked at the naval base and note what time each ship comes in or sails out.';

const PAGE_STYLE = 'body{font:16px/1.5 sans-serif;max-width:760px;margin:0 auto;padding:0 16px}';

function doc(title: string, body: string, script = ''): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><style>${PAGE_STYLE}</style></head>` +
    `<body>${body}${script ? `<script>${script}</script>` : ''}</body></html>`
  );
}

/** An article: header, navigation, paragraphs of `chars` characters of text in all, footer. */
function article(title: string, chars: number, prose: Prose, zhEvery = 0): string {
  const parts = [`<header><nav><a href="#">Home</a> <a href="#">Recipes</a> <a href="#">Walks</a></nav><h1>${title}</h1></header><main>`];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    if (i % 12 === 0) parts.push(`<h2>${prose.en(30)}</h2>`);
    const text = zhEvery > 0 && i % zhEvery === zhEvery - 1 ? prose.zh(300) : prose.en(Math.min(1000, chars - length));
    length += text.length;
    parts.push(`<p>${text}</p>`);
  }
  parts.push('</main><footer><p>Written in the village. All rights reserved.</p></footer>');
  return doc(title, parts.join('\n'));
}

/** A grid of cards, 13 DOM nodes each (elements and text nodes, no whitespace between), about `nodes` in all. */
function cards(nodes: number, prose: Prose): string {
  const parts: string[] = [];
  const count = Math.round(nodes / 13);
  const short = (): string => prose.few();
  for (let i = 0; i < count; i++) {
    parts.push(
      `<div class="card"><h3>${short()}</h3><p>${short()} <b>${short()}</b> ${short()}</p><ul><li>${short()}</li><li>${short()}</li></ul></div>`,
    );
  }
  return doc(`${nodes} nodes`, `<main>${parts.join('')}</main>`);
}

/** The chat message size the benchmark appends: 1 KB of text. */
export const CHAT_MESSAGE_CHARS = 1024;
export const CHAT_INTERVAL_MS = 100;
export const CHAT_MESSAGES = 100;

/**
 * A chat: a few messages at load; `__bench.start()` appends a 1 KB message every 100 ms, 100 in all, then sets
 * `__bench.done`; `__bench.lure()` appends the lure and notes the time; a page-world MutationObserver notes when
 * <lurewatch-banner> arrives. Both times come from the page's own clock.
 */
function chat(prose: Prose): string {
  const messages = Array.from({ length: CHAT_MESSAGES }, () => prose.en(CHAT_MESSAGE_CHARS).slice(0, CHAT_MESSAGE_CHARS));
  const earlier = Array.from({ length: 5 }, () => `<li class="msg"><div class="meta">Sam · 14:0${Math.floor(prose.next() * 10)}</div><div class="text">${prose.en(120)}</div></li>`);
  const script = `(function () {
  var list = document.getElementById('messages');
  var queue = ${JSON.stringify(messages)};
  var bench = { done: false, sent: 0, lureAt: null, bannerAt: null };
  window.__bench = bench;
  function add(text) {
    var li = document.createElement('li');
    li.className = 'msg';
    var meta = document.createElement('div');
    meta.className = 'meta';
    meta.textContent = 'Alex \\u00b7 14:1' + (bench.sent % 10);
    var body = document.createElement('div');
    body.className = 'text';
    body.textContent = text;
    li.appendChild(meta);
    li.appendChild(body);
    list.appendChild(li);
  }
  bench.start = function () {
    var timer = setInterval(function () {
      add(queue[bench.sent++]);
      if (bench.sent === queue.length) { clearInterval(timer); bench.done = true; }
    }, ${CHAT_INTERVAL_MS});
  };
  bench.lure = function () {
    add(${JSON.stringify(LURE_MESSAGE)});
    bench.lureAt = performance.now();
  };
  new MutationObserver(function (records) {
    for (var r of records) for (var n of r.addedNodes) {
      if (bench.bannerAt === null && n.nodeType === 1 && n.localName === 'lurewatch-banner') bench.bannerAt = performance.now();
    }
  }).observe(document.documentElement, { childList: true });
})();`;
  return doc('Messages', `<h1>Messages</h1><ul id="messages">${earlier.join('')}</ul>`, script);
}

/**
 * Mutates on every animation frame once `__bench.start(ms)` is called: a counter's text changes and a line is added
 * to a list capped at 20 (the oldest removed), the way a live ticker or a game HUD churns the DOM.
 */
function raf(prose: Prose): string {
  const script = `(function () {
  var counter = document.getElementById('counter');
  var list = document.getElementById('ticker');
  var bench = { frames: 0, done: false };
  window.__bench = bench;
  var words = ${JSON.stringify(prose.en(400).split(' '))};
  bench.start = function (ms) {
    var until = performance.now() + ms;
    function frame(now) {
      bench.frames++;
      counter.textContent = 'Frame ' + bench.frames;
      var li = document.createElement('li');
      li.textContent = words[bench.frames % words.length] + ' ' + words[(bench.frames * 7) % words.length];
      list.appendChild(li);
      if (list.children.length > 20) list.removeChild(list.firstChild);
      if (now < until) requestAnimationFrame(frame); else bench.done = true;
    }
    requestAnimationFrame(frame);
  };
})();`;
  return doc('Live', `<h1>Live scores</h1><p>${prose.en(2000)}</p><p id="counter">Frame 0</p><ul id="ticker"></ul>`, script);
}

/** A comment form: some text, a textarea and a contenteditable editor the benchmark types into. */
function typing(prose: Prose): string {
  return doc(
    'Comments',
    `<h1>Comments</h1><p>${prose.en(3000)}</p><form><label for="field">Your comment</label><br>` +
      `<textarea id="field" rows="6" cols="60"></textarea><br><button type="button">Post</button></form>` +
      '<h2>Or write a longer note</h2><div id="editor" contenteditable="true" style="border:1px solid #888;min-height:6em"></div>',
  );
}

/** What the benchmark types into each field: bland prose, 200 keystrokes. */
export function typedText(): string {
  return new Prose(7).en(200).slice(0, 200);
}

/** The HTML of each page, made once (the big ones take a moment). */
export function makePages(names: readonly PageName[]): Record<PageName, string | undefined> {
  const make: Record<PageName, () => string> = {
    typical: () => article('A walk by the river', 50 * 1024, new Prose(1)),
    mb: () => article('The long book of the village', 1024 * 1024, new Prose(2), 10),
    dom20k: () => cards(20_000, new Prose(3)),
    dom200k: () => cards(200_000, new Prose(4)),
    chat: () => chat(new Prose(5)),
    raf: () => raf(new Prose(6)),
    typing: () => typing(new Prose(8)),
  };
  const pages = {} as Record<PageName, string | undefined>;
  for (const name of Object.keys(make) as PageName[]) pages[name] = names.includes(name) ? make[name]() : undefined;
  return pages;
}
