// The in-page half of `npm run -s bench:start`, handed to the page as a function (playwright serialises it): runs
// each script in a fresh same-origin frame holding the article, with a stand-in for the extension API whose port
// notes when the first message goes out, and times it. Nothing is imported here: the function runs in the page.

export interface StartInput {
  /** Script name -> source. */
  scripts: Record<string, string>;
  /** The frame's document (the benchmark's typical article). */
  article: string;
  rounds: number;
  /**
   * "cold": each run's source is made unique (a leading comment), so V8's compilation cache, which is keyed by the
   * source, cannot serve it: the first page in a new renderer process. "warm": the same source every time: the
   * next page of a site in a process that has run the script before.
   */
  mode: 'cold' | 'warm';
  /** Makes this call's cold sources differ from every other call's (the warm-up's too), in the same page. */
  salt: string;
}

export interface StartTimes {
  /** Per script: milliseconds from inserting the script to its end (parse, compile, the synchronous start). */
  evaluate: Record<string, number[]>;
  /** Per script: milliseconds from inserting it to its first port message (the page's text sent); -1 for none. */
  firstMessage: Record<string, number[]>;
}

export async function runStart(input: StartInput): Promise<StartTimes> {
  // The extension API as far as a content script's start uses it; the port answers nothing, as a matcher that has
  // not answered yet.
  const stub = `(() => {
    const event = () => ({ addListener() {}, removeListener() {} });
    window.__firstMessage = 0;
    const port = { postMessage() { if (!window.__firstMessage) window.__firstMessage = performance.now(); }, onMessage: event(), onDisconnect: event() };
    window.chrome = { runtime: { id: 'bench', connect: () => port, onMessage: event() },
      storage: { local: { get: async () => ({}) }, onChanged: event() },
      i18n: { getUILanguage: () => 'en', getMessage: () => '' } };
  })();`;
  const times: StartTimes = { evaluate: {}, firstMessage: {} };
  let serial = 0;
  for (let round = 0; round < input.rounds; round++) {
    // Scripts take turns within a round, so a busy moment of the machine falls on all of them alike.
    for (const [name, source] of Object.entries(input.scripts)) {
      const frame = document.createElement('iframe');
      frame.srcdoc = input.article;
      await new Promise((loaded) => {
        frame.onload = loaded;
        document.body.append(frame);
      });
      const win = frame.contentWindow as (Window & { __firstMessage?: number }) | null;
      const doc = frame.contentDocument;
      if (!win || !doc) throw new Error('the benchmark frame has no document');
      const setup = doc.createElement('script');
      setup.textContent = stub;
      doc.head.append(setup);
      const script = doc.createElement('script');
      script.textContent = input.mode === 'cold' ? `/*${input.salt}-${serial++}*/${source}` : source;
      const start = win.performance.now();
      doc.head.append(script);
      const end = win.performance.now();
      // The start may finish its survey after a yield to the page: wait for the first message a while.
      for (let i = 0; i < 100 && !win.__firstMessage; i++) await new Promise((later) => setTimeout(later, 5));
      (times.evaluate[name] ??= []).push(end - start);
      (times.firstMessage[name] ??= []).push(win.__firstMessage ? win.__firstMessage - start : -1);
      frame.remove();
    }
  }
  return times;
}
