// The content script's controller for one frame: survey the page, follow its changes, have the background's
// matcher score the text (background/matching.ts), and show the banner in the top frame. Child frames report what
// they find to the background, which passes it to the top frame.
import { languageOf } from '../core/advice.js';
import { showsBanner } from '../core/severity.js';
import { parseScanAnswer, parseToContent, type Finding, type PageReport, type ScanAnswer } from '../messages.js';
import type { PagePlatform } from '../platform/types.js';
import { isSiteDisabled, isSnoozed } from '../settings/schema.js';
import { keptAway, pageKey } from '../records.js';
import { PageChoices } from './choices.js';
import { extractVisibleText, OWN_UI_ATTRIBUTE, VisibleTextReader } from './extract.js';
import { highlightEvidence } from './highlight.js';
import { ChangeWatcher, DEFAULT_WATCH } from './observer.js';
import { TextStream } from './stream.js';
import { TopBanner } from './top-banner.js';
import { yieldToPage } from './yield.js';

/** Work on huge pages is capped: at most this much text is read per page. */
const MAX_CHARS = 2_000_000;
/**
 * No lure fits in fewer characters than this, so a frame with less text (most ad and widget frames, empty
 * pages) never sends anything to the matcher; it starts once enough text has arrived.
 */
const MIN_TEXT = 40;
/**
 * A child frame can finish before its top frame listens (the top page is still loading): the background then
 * cannot hand the report on, and says so. The frame sends it again after 0.25, 0.5, 1 ... 8 s.
 */
const MAX_RESENDS = 6;
/**
 * At most one request to the matcher this often: a busy chat's messages go out together, a few per request (each
 * request is an IPC hop that costs the page more than reading a message does). A lure still shows within a second.
 */
export const SYNC_INTERVAL_MS = 250;
/**
 * Text per request. Chrome serialises extension messages as JSON at roughly 50 MB/s on a slow machine, so a
 * megabyte in one message would be a long task of its own; parts of this size are a few milliseconds each.
 */
const MESSAGE_CHARS = 128 * 1024;

export interface PageOptions {
  openShadow: boolean;
  /**
   * Test build only: mark <html data-lurewatch-ready> after each scan, so tests know when to look. A release build
   * adds nothing to pages it finds quiet, so a page cannot tell that LureWatch is installed.
   */
  testHooks: boolean;
}

export async function startPage(platform: PagePlatform, win: Window, doc: Document, options: PageOptions): Promise<() => void> {
  const isTop = win === win.top;
  // A quiet page touches no extension API but the matcher's port (see choices.ts): the language, too, is asked when
  // a banner first needs it.
  let language: 'en' | 'zh' | null = null;
  const lang = (): 'en' | 'zh' => (language ??= languageOf(platform.i18n.uiLanguage()));
  const choices = new PageChoices(platform, currentPageKey);
  let stream: TextStream | null = null;
  let textSeen = 0;
  /** Made when a banner is first wanted: on a quiet page its code is never compiled (see top-banner.ts). */
  let banner: TopBanner | null = null;
  const frameReports = new Map<number, PageReport>();
  let detection: Finding | null = null;
  /** Names this frame's stream at the matcher; a new document in the frame gets a new script and a new name. */
  const token = Math.random().toString(36).slice(2, 12).padEnd(8, '0');
  /** The matcher must start the stream afresh (first survey, or it forgot the stream). */
  let needsReset = true;
  /** Bumped whenever the stream starts over: an answer about an older stream is not applied. */
  let generation = 0;
  let syncing = false;
  let syncAgain = false;
  /** The background's settings changed since the last answer: score again, even with no new text. */
  let rescore = false;
  let lastAsked = -Infinity;
  /** How often the background had forgotten this frame's text (test builds show it, for the restart tests). */
  let resyncs = 0;
  /** A request failed: what the matcher holds is not what this frame sent, so the next look reads the page anew. */
  let outOfStep = false;
  let lastSent = '';
  let address = win.location.href;
  let stopped = false;

  /**
   * The survey of the whole page in progress, read in slices (a 200,000-node page is hundreds of milliseconds of
   * walking): the stream takes its text when the walk is over. Changes behind the walk wait in `late`; changes
   * ahead of it are left to it (see ChangeWatcher.leaveTo). `again`: the page asked for a fresh survey meanwhile.
   */
  let survey: { reader: VisibleTextReader; late: Node[]; again: boolean; done: Promise<void> } | null = null;

  const readAll = (): Promise<void> => {
    if (!stream) {
      // Before matching starts the text is only counted against MIN_TEXT (the survey reads it all once there is
      // enough), so the walk stops there: on a huge page, the first survey is not done twice.
      textSeen = extractVisibleText(doc.body ?? doc.documentElement, { maxChars: MIN_TEXT, onShadowRoot }).length;
      return Promise.resolve();
    }
    if (survey) {
      survey.again = true;
      return survey.done;
    }
    const reader = new VisibleTextReader(doc.body ?? doc.documentElement, { maxChars: MAX_CHARS, onShadowRoot, narrow: true });
    const job = { reader, late: [] as Node[], again: false, done: Promise.resolve() };
    survey = job;
    // What changed before this survey is in the page it walks: read by it, not again by the watcher.
    watcher.forgetQueued();
    job.done = surveyInSlices(job).catch((error: unknown) => {
      // A survey that failed must not leave the page unscored for good: the next change or survey starts afresh.
      if (survey === job) survey = null;
      throw error;
    });
    return job.done;
  };
  const surveyInSlices = async (job: NonNullable<typeof survey>): Promise<void> => {
    for (;;) {
      const deadline = performance.now() + DEFAULT_WATCH.sliceMs;
      if (job.reader.read(() => performance.now() < deadline)) break;
      await yieldToPage();
      if (stopped) return;
    }
    let all = job.reader.result();
    if (job.reader.lost) {
      // The page removed the node the walk stood on: read it again in one go (rare, and always complete).
      all = extractVisibleText(doc.body ?? doc.documentElement, { maxChars: MAX_CHARS, onShadowRoot, narrow: true });
      job.late = [];
    }
    textSeen = all.length;
    // The whole survey is one chunk, so no phrase is cut; the matcher starts the stream afresh with it.
    stream?.clear();
    stream?.append(all);
    needsReset = true;
    generation++;
    survey = null;
    for (const node of job.late) if (node.isConnected) readNode(node);
    await evaluate();
    if (job.again) await readAll();
  };
  const readNode = (node: Node): void => {
    if (!stream) {
      textSeen += extractVisibleText(node, { maxChars: MIN_TEXT, onShadowRoot }).text.trim().length;
      if (textSeen >= MIN_TEXT) void startMatching();
      return;
    }
    // Behind the survey still walking (the watcher left it what lies ahead): read once the survey is in.
    if (survey) {
      survey.late.push(node);
      return;
    }
    if (stream.length >= MAX_CHARS) return;
    stream.append(extractVisibleText(node, { maxChars: MAX_CHARS - stream.length, onShadowRoot, narrow: true }));
  };
  /** Text found in an open shadow root: watch that root for new text too. */
  const onShadowRoot = (root: ShadowRoot): void => watcher.watchShadowRoot(root);
  /** Enough text to be worth a look: read the whole page for the matcher. */
  const startMatching = (): Promise<void> => {
    if (stream || stopped) return Promise.resolve();
    stream = new TextStream();
    return readAll();
  };

  function currentPageKey(): string {
    return pageKey(`${win.location.origin}${win.location.pathname}${win.location.search}`);
  }

  /** Whether any finding of the page (its own, or a frame's) is strong enough that the person's choices matter. */
  const choicesMatter = (): boolean => {
    // Asked after every answer of the matcher (a chat page: every quarter second), so no array is built for it.
    if (detection && showsBanner(detection)) return true;
    for (const report of frameReports.values()) if (showsBanner(report)) return true;
    return false;
  };
  /**
   * Runs `then` once the choices are read, at once when no finding needs them (a quiet page reads nothing). When
   * storage cannot be read, `failed` runs instead: better no banner than one against the person's choices.
   */
  const withChoices = (then: () => void, failed: () => void = markReady): void => {
    if (!choicesMatter() || choices.ready) {
      then();
      return;
    }
    choices.read().then(
      () => {
        if (!stopped) withChoices(then, failed);
      },
      () => failed(),
    );
  };

  /** Why the banner stays away although the page would earn one: the person's own choices. */
  const quietReason = (d: { score: number; category: string }): PageReport['quietBecause'] => {
    const s = choices.current;
    if (!s.enabled) return 'disabled';
    if (isSnoozed(s, Date.now())) return 'snoozed';
    if (isSiteDisabled(s, win.location.hostname)) return 'site';
    if (s.scope === 'categories' && d.category === 'other') return 'scope';
    if (keptAway(choices.dismissedAt, d.score)) return choices.markedWrong ? 'false-alarm' : 'dismissed';
    return null;
  };

  /** Only a finding that would show a banner can be kept quiet by the person's choices. */
  const quietBecauseOf = (d: { severity: Finding['severity']; score: number; category: string }): PageReport['quietBecause'] =>
    showsBanner(d) ? quietReason(d) : null;

  const reportOf = (d: Finding): PageReport => ({
    host: win.location.hostname,
    category: d.category,
    severity: d.severity,
    score: d.score,
    families: d.families,
    resembles: d.resembles,
    evidence: d.evidence.map(({ rule, facet, quote, context }) => ({ rule, facet, quote, context })),
    rules: d.rules.slice(0, 50),
    quietBecause: quietBecauseOf(d),
  });

  /** The strongest finding of the page: its own, or one a frame reported. */
  const strongest = (): { report: PageReport; own: boolean } | null => {
    let best: { report: PageReport; own: boolean } | null = detection ? { report: reportOf(detection), own: true } : null;
    for (const report of frameReports.values()) {
      if (!best || report.score > best.report.score) best = { report: { ...report, quietBecause: quietBecauseOf(report) }, own: false };
    }
    return best;
  };

  /** Tells the background; resolves when it has acted, rejects when it could not (e.g. a failed storage write). */
  const request = (message: unknown, aside?: string): Promise<unknown> => {
    if (!platform.runtime.isConnected()) {
      teardown();
      return Promise.reject(new Error('LureWatch was reloaded or removed'));
    }
    return platform.runtime.sendMessage(message, aside);
  };
  let resendTimer: ReturnType<typeof setTimeout> | undefined;
  /** No report sent yet for this page (document, or address of a single-page app): the next one says so. */
  let freshPage = true;
  const sendReport = (report: PageReport, fingerprint: string, attempt = 0): void => {
    const fresh = freshPage;
    freshPage = false;
    request({ type: 'report', report, fresh }).then((delivered) => {
      // Only a finding that would show a banner is worth sending again, and only while it is still the latest.
      const worthIt = !isTop && delivered === false && showsBanner(report);
      if (!worthIt || stopped || fingerprint !== lastSent || attempt >= MAX_RESENDS) return;
      resendTimer = setTimeout(() => sendReport(report, fingerprint, attempt + 1), 250 * 2 ** attempt);
    }, () => undefined);
  };

  /** Scores the page as it is now; resolves when the answer is in (or another request in flight will carry it). */
  const evaluate = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (!platform.runtime.isConnected()) {
      teardown();
      return Promise.resolve();
    }
    if (win.location.href !== address) {
      // Same document, new address (a single-page app navigated): a new page for counts, and for dismissals (its
      // own is read when a finding needs it: choices are kept by page key).
      address = win.location.href;
      banner?.newPage();
      freshPage = true;
      lastSent = ''; // the new page is reported even if it looks like the last
      void readAll();
    }
    // A survey in progress scores the page when it is in.
    if (survey) return Promise.resolve();
    if (!stream) {
      markReady();
      return Promise.resolve();
    }
    if (outOfStep) {
      outOfStep = false;
      return readAll();
    }
    return sync();
  };

  /**
   * Sends what is new to the matcher and acts on its answer, one request at a time: changes that arrive meanwhile
   * go out together with the next one.
   */
  const sync = async (): Promise<void> => {
    if (syncing) {
      syncAgain = true;
      return;
    }
    syncing = true;
    let forgotten = false;
    try {
      do {
        syncAgain = false;
        if (survey || !stream) return; // the survey syncs when it is in
        if (!needsReset && !stream.hasPending && !rescore && detection) {
          afterFinding();
          continue;
        }
        if (!needsReset && !stream.isOpen) {
          const wait = lastAsked + SYNC_INTERVAL_MS - performance.now();
          if (wait > 0) {
            await new Promise((resolve) => setTimeout(resolve, wait));
            if (stopped || survey) return;
          }
        }
        lastAsked = performance.now();
        const asked = generation;
        const reset = needsReset;
        needsReset = false;
        const base = reset ? 0 : stream.sentLength;
        rescore = false;
        const { chunks, open, wide, aside } = stream.takePending(MESSAGE_CHARS);
        const scan = { type: 'scan', stream: token, reset, base, chunks, open, host: win.location.hostname };
        // Wide text blanked in the chunks travels aside (narrow-text.ts); most requests have none.
        const answer = await (wide.length > 0 ? askMatcher({ ...scan, wide }, aside) : askMatcher(scan));
        if (stopped) return;
        if (asked !== generation) continue; // the stream started over meanwhile: its own request follows
        if (answer.status === 'resync') {
          forgotten = true;
          break;
        }
        if (answer.status === 'held') {
          syncAgain = true; // a survey's later parts follow at once; the page is scored when it is whole
          continue;
        }
        detection = answer.finding;
        afterFinding();
      } while (syncAgain);
    } catch {
      // No answer (the extension is being reloaded, or the matcher failed): the text sent is lost with it, so the
      // matcher's stream no longer matches ours. The next change reads the page again; until then, nothing to show.
      if (!platform.runtime.isConnected()) teardown();
      else outOfStep = true;
    } finally {
      syncing = false;
    }
    // The background restarted and forgot this frame's text, which the frame does not keep: read the page again.
    if (forgotten && !stopped) {
      resyncs++;
      if (options.testHooks) doc.documentElement?.setAttribute('data-lurewatch-resyncs', String(resyncs));
      void readAll();
    }
  };
  const askMatcher = async (message: unknown, aside?: string): Promise<ScanAnswer> => {
    const answer = parseScanAnswer(await request(message, aside));
    if (!answer) throw new Error('the matcher gave no usable answer');
    return answer;
  };

  const afterFinding = (): void => {
    if (!detection) return;
    withChoices(() => {
      reportIfChanged();
      if (isTop) updateBanner();
      markReady();
    });
  };
  /**
   * A child frame reports its own finding: it is what the top frame's banner shows. The top frame reports the
   * strongest of its own and its frames' (a child's report can reach the background before the top frame's first
   * one, which starts the page afresh there), and only what the toolbar badge shows makes it worth sending.
   */
  const reportIfChanged = (): void => {
    if (!detection) return;
    const report = isTop ? (strongest()?.report ?? reportOf(detection)) : reportOf(detection);
    const fingerprint = isTop ? `${report.severity}/${report.quietBecause}` : JSON.stringify(report);
    if (fingerprint === lastSent) return;
    lastSent = fingerprint;
    sendReport(report, fingerprint);
  };
  const markReady = (): void => {
    if (options.testHooks) doc.documentElement?.setAttribute('data-lurewatch-ready', '1');
  };

  const updateBanner = (): void => {
    const found = strongest();
    const wanted = found && showsBanner(found.report) && found.report.quietBecause === null;
    // Evidence is highlighted only from a banner, so a page that never had one has nothing to clear (and the first
    // touch of CSS.highlights costs a quiet page about 2 ms).
    if (!wanted) banner?.hide();
    else
      (banner ??= new TopBanner({
        doc,
        openShadow: options.openShadow,
        choices,
        language: lang,
        host: () => win.location.hostname,
        pageKey: currentPageKey,
        stopped: () => stopped,
        request,
        evaluate: () => void evaluate(),
        redraw: () => withChoices(updateBanner),
        showEvidence: () => {
          if (detection && stream) highlightEvidence(doc, detection.evidence, stream);
        },
      })).show(found.report, found.own);
  };

  const watcher = new ChangeWatcher(
    doc,
    readNode,
    evaluate,
    () => {
      void readAll();
      void evaluate();
    },
    (node) => node instanceof Element && node.hasAttribute(OWN_UI_ATTRIBUTE),
  );
  const stopListening = platform.runtime.onMessage((raw) => {
    const message = parseToContent(raw);
    if (!message) return undefined;
    if (message.type === 'settings-changed') {
      // Every frame: the background scores with the new settings at the next request, and the banner's choices are
      // read again when a finding needs them.
      choices.settingsChanged();
      rescore = true;
      lastSent = '';
      void evaluate();
      return undefined;
    }
    if (!isTop) return undefined;
    if (message.type === 'page-state') {
      return new Promise((resolve) => withChoices(() => resolve(strongest()?.report ?? null), () => resolve(null)));
    }
    frameReports.set(message.frameId, message.report);
    withChoices(() => {
      updateBanner();
      reportIfChanged();
    });
    return Promise.resolve(true); // received: the frame need not send it again
  });
  const onVisibility = (): void => {
    if (!platform.runtime.isConnected()) teardown();
  };
  doc.addEventListener('visibilitychange', onVisibility);
  /**
   * Back from the back-forward cache: the tab's badge meanwhile showed another page's finding, and the background
   * may have let this frame's text go. Report again (and re-read at the next change if the matcher forgot).
   */
  const onPageShow = (event: PageTransitionEvent): void => {
    if (!event.persisted) return;
    freshPage = true; // the tab's findings are another page's now: this report starts them afresh
    lastSent = '';
    void evaluate();
  };
  win.addEventListener('pageshow', onPageShow);

  /** The extension was reloaded or removed: leave nothing behind, and never throw from a stale context. */
  function teardown(): void {
    if (stopped) return;
    stopped = true;
    clearTimeout(resendTimer);
    watcher.stop();
    banner?.hide(true);
    doc.removeEventListener('visibilitychange', onVisibility);
    win.removeEventListener('pageshow', onPageShow);
    try {
      stopListening();
    } catch {
      // The old context is gone; its listeners went with it.
    }
  }

  watcher.leaveTo = (changed) => survey !== null && !survey.reader.hasPassed(changed);
  void readAll();
  // Watching starts before the survey, which yields to the page: a change meanwhile is either ahead of the walk
  // (read by it) or behind it (read after it), never lost.
  watcher.start();
  if (textSeen >= MIN_TEXT) await startMatching();
  else void evaluate();
  return teardown;
}
