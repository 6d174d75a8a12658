// "Think before you post", the page side: follows typing in free-text fields of this frame (every frame runs its own
// copy, so an editor inside an iframe is covered), has the focused field's text checked once the person pauses (by
// core/disclosure.ts in LureWatch's own background, which holds the rules: the text is checked in memory there and
// dropped), and shows or hides the hint. It only reads: it never changes the field, never cancels an event, never
// blocks a submission, and stores nothing but the count of hints shown (and, after "Was this wrong?", the page's
// false-alarm mark: a hash of its address and the hint's score, like a dismissed banner).
import { languageOf } from '../core/advice.js';
import { MAX_FIELD_CHARS } from '../core/field-limit.js';
import { parseFieldHint, type FieldHint } from '../messages.js';
import type { PagePlatform } from '../platform/types.js';
import { DISMISSED_KEY, dismissedScore, hintPageKey, keptAway } from '../records.js';
import type { SettingsChange } from '../settings/change.js';
import { OwnChange } from '../settings/own-change.js';
import { hintsAllowed, type Settings } from '../settings/schema.js';
import { readSettings, watchSettings } from '../settings/store.js';
import { fieldText, isElement, isLive, readableField, type Field } from './fields.js';
import { Hint, type HintContent } from './hint.js';
import { HINT_TEXT, KIND_LABELS } from './hint-text.js';
import type { ReportPanelContent } from './report-panel.js';
import { REPORT_TEXT } from './report-text.js';

export interface PostHintOptions {
  openShadow: boolean;
  /** Quiet time after the last input event before the field is read. */
  debounceMs?: number;
  /** While a hint shows, how often its field is looked at again (a chat box cleared by the page fires no event). */
  followMs?: number;
}

export const DEBOUNCE_MS = 400;
const FOLLOW_MS = 500;

export async function startPostHints(platform: PagePlatform, win: Window, doc: Document, options: PostHintOptions): Promise<() => void> {
  // The manifest also injects into about:blank and srcdoc frames (match_about_blank, for the page scan); their
  // editors are already followed from the parent frame (adoptFrame below), and a second copy here would show a
  // second hint.
  if (followedByParent(win)) return () => undefined;
  let stopped = false;
  /**
   * Made at the first input event: most pages are never typed into, and until then the start is these listeners and
   * the adopted frames (measured with bench:start, what it saves is within noise; the smaller start is the point).
   */
  let typing: Typing | null = null;
  const onInput = (event: Event): void => {
    typing ??= followTyping(platform, win, doc, options, { adopted, teardown });
    typing.onInput(event);
  };
  const onFocusIn = (event: FocusEvent): void => {
    adoptIfFrame(event.target);
    typing?.onFocusIn(event.target);
  };
  const onMove = (): void => typing?.onMove();

  /**
   * Same-origin frames without a content script of their own (about:blank and srcdoc frames, where some rich-text
   * editors live) are followed from this frame; a frame with an http(s) address runs its own copy of this code.
   * A frame's document can be replaced after we adopted it (a srcdoc frame still holds its initial about:blank one
   * when we start before it loads; editors write or add their frames late), so each frame load adopts its new
   * document. Focus entering a frame is no substitute: neither browser sends the page a focusin for the frame
   * element on a click into it (the e2e hint tests fail in both without the load listener).
   */
  const adopted = new WeakSet<Document>();
  const releases = new Map<HTMLIFrameElement, () => void>();
  const adoptFrame = (frame: HTMLIFrameElement): void => {
    const inner = frameDocument(frame);
    if (!inner || adopted.has(inner) || /^https?:$/.test(inner.location.protocol)) return;
    releases.get(frame)?.();
    adopted.add(inner);
    const view = inner.defaultView;
    inner.addEventListener('input', onInput, listen);
    inner.addEventListener('focusin', onFocusIn, listen);
    view?.addEventListener('scroll', onMove, listen);
    releases.set(frame, () => {
      try {
        inner.removeEventListener('input', onInput, listen);
        inner.removeEventListener('focusin', onFocusIn, listen);
        view?.removeEventListener('scroll', onMove, listen);
      } catch {
        // The frame's old document is gone, and its listeners with it: Firefox then throws "can't access dead
        // object" at any touch of it (seen in CI, where it kept the new document from being adopted).
      }
    });
  };
  const adoptIfFrame = (target: EventTarget | null): void => {
    if (isElement(target) && target.tagName === 'IFRAME') adoptFrame(target as HTMLIFrameElement);
  };
  // Load events do not bubble, but they pass this document's capture phase: one listener sees every frame's load.
  const onLoad = (event: Event): void => adoptIfFrame(event.target);
  const listen = { capture: true, passive: true } as const;
  doc.addEventListener('input', onInput, listen);
  doc.addEventListener('focusin', onFocusIn, listen);
  doc.addEventListener('load', onLoad, listen);
  win.addEventListener('scroll', onMove, listen);
  win.addEventListener('resize', onMove, listen);
  for (const frame of doc.querySelectorAll('iframe')) adoptFrame(frame);

  function teardown(): void {
    if (stopped) return;
    stopped = true;
    typing?.stop();
    doc.removeEventListener('input', onInput, listen);
    doc.removeEventListener('focusin', onFocusIn, listen);
    doc.removeEventListener('load', onLoad, listen);
    win.removeEventListener('scroll', onMove, listen);
    win.removeEventListener('resize', onMove, listen);
    for (const release of releases.values()) release();
    releases.clear();
  }
  return teardown;
}

/** The post hints of one frame once the person has typed: what startPostHints forwards its events to. */
interface Typing {
  onInput(event: Event): void;
  /** Focus moved to `target` (adopting a frame is the caller's). */
  onFocusIn(target: EventTarget | null): void;
  /** The page scrolled or resized: the hint follows its field. */
  onMove(): void;
  stop(): void;
}

function followTyping(
  platform: PagePlatform,
  win: Window,
  doc: Document,
  options: PostHintOptions,
  frame: { adopted: WeakSet<Document>; teardown(): void },
): Typing {
  const { adopted, teardown } = frame;
  const debounceMs = options.debounceMs ?? DEBOUNCE_MS;
  const followMs = options.followMs ?? FOLLOW_MS;
  // Read on the first input event, not at start: most pages are never typed into, and every storage read is a
  // round trip to the browser that the page's load would pay for.
  let settings: Settings | null = null;
  let reading: Promise<void> | null = null;
  // The person's "Not on this site", in effect here at once and over any settings heard until storage holds it:
  // typing on before the background has stored it must not bring the hint back.
  const own = new OwnChange();
  /** "Not on this site" could not be stored: the hint says so until the person tries again. */
  let notice = false;
  // Changes are followed from the first read on (watching costs a page that is never typed into a storage binding).
  let stopWatching: (() => void) | null = null;
  const readOnce = (): Promise<void> =>
    (reading ??= (async () => {
      stopWatching = watchSettings(platform, (next) => {
        own.heard();
        settings = own.over(next);
        if (!allowed()) hide();
      });
      const read = await readSettings(platform);
      settings ??= own.over(read); // a change heard meanwhile is newer
    })());
  const hint = new Hint(doc, options.openShadow);
  /** Fields resolved once per element: an input event then costs a map lookup and a timer, not a style query. */
  const resolved = new WeakMap<Element, Field | null>();
  const dismissed = new WeakSet<HTMLElement>();
  /** Numbers the checks: only the answer to the latest one may show or hide the hint. */
  let asked = 0;
  let pending: Field | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let follow: ReturnType<typeof setInterval> | undefined;
  let lastText = '';
  let moveFrame = 0;
  let stopped = false;
  /** This page's false-alarm mark for hints (the score it was marked at), once read; by page key. */
  let mark: { page: string; score: number | null } | null = null;
  const hintPage = (): string => hintPageKey(`${win.location.origin}${win.location.pathname}${win.location.search}`);
  /** Read when a hint is about to show, not before: most pages never show one. */
  const markedAt = async (): Promise<number | null> => {
    const page = hintPage();
    if (mark?.page === page) return mark.score;
    const stored = await platform.storage.get(DISMISSED_KEY);
    if (mark?.page !== page) mark = { page, score: dismissedScore(stored, page) }; // a mark made meanwhile is newer
    return mark.score;
  };

  const fieldOf = (target: EventTarget | null): Field | null => {
    if (!isElement(target)) return null;
    if (!resolved.has(target)) resolved.set(target, readableField(target));
    return resolved.get(target) ?? null;
  };
  /**
   * The focused element, through open shadow roots and the script-less frames followed from here; a rich editor's
   * focus is its editing host or inside it.
   */
  const focused = (): Element | null => {
    let active = doc.activeElement;
    for (;;) {
      const inner = active?.shadowRoot?.activeElement ?? adoptedFrameFocus(active);
      if (!inner) return active;
      active = inner;
    }
  };
  const adoptedFrameFocus = (element: Element | null): Element | null => {
    if (element?.tagName !== 'IFRAME') return null;
    const inner = frameDocument(element as HTMLIFrameElement);
    return inner && adopted.has(inner) ? inner.activeElement : null;
  };
  const isFocused = (field: Field): boolean => {
    const active = focused();
    return active !== null && (active === field.element || field.element.contains(active));
  };
  const allowed = (): boolean => settings !== null && hintsAllowed(settings, win.location.hostname, Date.now());

  const hide = (): void => {
    hint.hide();
    clearInterval(follow);
    follow = undefined;
  };

  const check = (field: Field): void => {
    if (stopped || !platform.runtime.isConnected()) return teardown();
    if (!settings) {
      readOnce().then(() => check(field), () => undefined);
      return;
    }
    // Checked again before every read (the input-event cache can be stale): a "show password" toggle turns a
    // password field into a text field and back, and a page may hide or disable a field at any time.
    if (readableField(field.element) === null) {
      resolved.delete(field.element);
      if (hint.anchor === field.element) hide();
      return;
    }
    if (!allowed() || dismissed.has(field.element) || !field.element.isConnected) {
      if (hint.anchor === field.element || !allowed()) hide();
      return;
    }
    if (!isFocused(field)) {
      // Someone tabbing to the hint keeps it: through the page's own buttons and links after the field (the hint's
      // host comes last in document order), or in the hint itself. Focus in another field ends it. Meanwhile the
      // field is only looked at for being emptied (a chat sent by its button); only the focused field is ever read.
      if (hint.anchor !== field.element || hint.owns(doc.activeElement)) return;
      if (isOtherField(focused(), field.element) || fieldText(field, 1).trim() === '') hide();
      else hint.place();
      return;
    }
    const text = fieldText(field, MAX_FIELD_CHARS);
    if (text === lastText && hint.anchor === field.element) {
      hint.place(); // the text is the same, but a growing text area or a page's own layout may have moved the field
      return;
    }
    lastText = text;
    const ticket = ++asked;
    if (text.trim() === '') return answered(field, null);
    platform.runtime.sendMessage({ type: 'check-field', text, host: win.location.hostname }).then(
      (answer) => {
        // Typing went on, or focus moved, while the check ran: the next check speaks instead.
        if (ticket !== asked || stopped) return;
        const found = parseFieldHint(answer);
        if (!found) return answered(field, null);
        // A page marked as a false alarm stays quiet unless the text now says clearly more (records.ts).
        markedAt().then(
          (at) => {
            if (ticket === asked && !stopped) answered(field, keptAway(at, found.score) ? null : found);
          },
          () => undefined, // the mark cannot be read: no hint rather than one the person may have refused
        );
      },
      () => {
        if (!platform.runtime.isConnected()) teardown();
        else lastText = ''; // the background could not answer this time: the next pause asks again
      },
    );
  };

  const answered = (field: Field, found: FieldHint | null): void => {
    if (!found || !isFocused(field)) {
      if (hint.anchor === field.element) hide();
      return;
    }
    // A hint appearing (not one that stays up while the person keeps typing) is counted: a number, nothing else.
    const appearing = hint.anchor !== field.element;
    const content = contentOf(found);
    hint.show(content, field.element, {
      dismiss: () => {
        dismissed.add(field.element);
        hide();
        // Back to where the person was typing; focus moves, the text does not change.
        field.element.focus({ preventScroll: true });
      },
      notOnSite: () => {
        hide();
        notice = false;
        const change: SettingsChange = { kind: 'hint-site', host: win.location.hostname, quiet: true };
        own.begin(change, platform.runtime.sendMessage({ type: 'settings-change', change }), () => {
          // Not stored: the hint speaks again on this site, as storage still says, and says why at once if the
          // person is still in the field.
          notice = true;
          readSettings(platform).then(
            (stored) => {
              settings = stored;
              lastText = '';
              if (!stopped && isFocused(field)) check(field);
            },
            () => undefined,
          );
        });
        if (settings) settings = own.over(settings);
        field.element.focus({ preventScroll: true });
      },
      wrong: () => {
        // Marked at once, the way a banner is dismissed (records.ts); the report is only what the person copies.
        const page = hintPage();
        mark = { page, score: found.score };
        platform.runtime.sendMessage({ type: 'dismiss', page, score: found.score, wrong: true }).catch(() => undefined);
        hint.showReport(hintReportContent(found, content.lang), content.lang, {
          close: () => {
            hide();
            field.element.focus({ preventScroll: true });
          },
        });
      },
    });
    if (appearing) platform.runtime.sendMessage({ type: 'hint-shown' }).catch(() => undefined);
    follow ??= setInterval(() => {
      // A page that clears its chat box after sending, or replaces the field, fires no input event.
      const anchored = hint.anchor;
      const current = anchored && isLive(anchored) ? fieldOf(anchored) : null;
      if (current) check(current);
      else hide();
    }, followMs);
  };

  const contentOf = (found: FieldHint): HintContent => {
    // Read when a hint first shows, like the settings: most pages never show one.
    const lang = languageOf(platform.i18n.uiLanguage());
    return {
      lang,
      title: HINT_TEXT.title[lang],
      noticed: KIND_LABELS[found.kind][lang],
      quote: found.quote.replace(/\s+/g, ' ').trim(),
      why: found.why[lang],
      saferLabel: HINT_TEXT.safer[lang],
      safer: found.safer[lang],
      labels: {
        dismiss: HINT_TEXT.dismiss[lang],
        notOnSite: HINT_TEXT.notOnSite[lang],
        wrong: REPORT_TEXT.wrong[lang],
        local: HINT_TEXT.local[lang],
        region: HINT_TEXT.label[lang],
      },
      kind: found.kind,
      notice: notice ? HINT_TEXT.notSaved[lang] : '',
    };
  };

  const onInput = (event: Event): void => {
    const field = fieldOf(event.composedPath()[0] ?? event.target);
    if (!field) return;
    if (!settings) readOnce().catch(() => undefined); // ready by the time the pause is over
    pending = field;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const due = pending;
      pending = null;
      if (due) check(due);
    }, debounceMs);
  };
  const onFocusIn = (target: EventTarget | null): void => {
    // Focus went elsewhere on the page (not into the hint): the hint belonged to the field being typed in.
    if (!hint.shown || hint.owns(target)) return;
    const anchor = hint.anchor;
    if (anchor && !isLive(anchor)) return hide();
    if (!anchor || !isElement(target) || anchor.contains(target)) return;
    // A button or link on the way to the hint keeps it (keyboard users reach the hint after the page's controls).
    if (target.tagName === 'IFRAME' ? !isInFrame(anchor, target) : isOtherField(target, anchor)) hide();
  };
  const isInFrame = (element: Element, frame: Element): boolean => element.ownerDocument.defaultView?.frameElement === frame;
  const onMove = (): void => {
    if (!hint.shown || moveFrame) return;
    moveFrame = win.requestAnimationFrame(() => {
      moveFrame = 0;
      hint.place();
    });
  };

  return {
    onInput,
    onFocusIn,
    onMove,
    stop() {
      stopped = true;
      clearTimeout(timer);
      if (moveFrame) win.cancelAnimationFrame(moveFrame);
      hide();
      try {
        stopWatching?.();
      } catch {
        // The old extension context is gone, and its listener with it.
      }
    },
  };
}

/** The report panel for a post hint marked as a false alarm. Pure. */
export function hintReportContent(found: FieldHint, lang: 'en' | 'zh'): ReportPanelContent {
  const t = (key: keyof typeof REPORT_TEXT): string => REPORT_TEXT[key][lang];
  return {
    heading: t('heading'),
    marked: t('hintMarked'),
    explain: t('explain'),
    includeQuotes: t('includeTyped'),
    reportLabel: t('reportLabel'),
    copy: t('copy'),
    close: t('close'),
    copied: t('copied'),
    selected: t('selected'),
    facts: { kind: 'false-alarm', where: 'post hint', severity: 'hint', rules: found.rules, concepts: [found.kind], version: __LUREWATCH_VERSION__ },
    quotes: [found.quote.replace(/\s+/g, ' ').trim()],
  };
}

/** An element that takes typing or a choice, other than `anchor`: focus there means the person moved on. */
function isOtherField(element: Element | null, anchor: HTMLElement): boolean {
  if (!element || element === anchor || anchor.contains(element)) return false;
  if ((element as HTMLElement).isContentEditable) return true;
  if (element.tagName === 'TEXTAREA' || element.tagName === 'SELECT') return true;
  if (element.tagName !== 'INPUT') return false;
  const type = ((element as HTMLInputElement).type || 'text').toLowerCase();
  return !['button', 'submit', 'reset', 'image', 'hidden'].includes(type);
}

/** An about:blank or srcdoc frame whose same-origin parent follows its fields (see adoptFrame). */
export function followedByParent(win: Window): boolean {
  if (/^https?:$/.test(win.location.protocol)) return false;
  try {
    return win.frameElement !== null; // null when the parent is cross-origin: then nobody else follows this frame
  } catch {
    return false;
  }
}

/** A frame's document when it is same-origin and loaded; null for a cross-origin frame. */
function frameDocument(frame: HTMLIFrameElement): Document | null {
  try {
    return frame.contentDocument;
  } catch {
    return null;
  }
}
