// The matcher, once per browser: frames send the text they read (a first survey, then what changed) and get back
// what it adds up to. The rule pack is decoded here once, not in every frame of every page, and the matching runs
// off the page's main thread. The text stays in this process's memory: held per frame while its page is open,
// dropped when the tab closes or the frame starts a new document, and never stored or sent anywhere.
import { checkDisclosure } from '../core/disclosure.js';
import { nextChunkStart } from '../core/chunks.js';
import { HitStream } from '../core/hit-stream.js';
import type { Pack } from '../core/pack.js';
import { categoryOfHost } from '../core/site.js';
import type { FieldHint, Finding, ScanAnswer, ScanRequest } from '../messages.js';
import type { MessageSender } from '../platform/types.js';

/**
 * Text held for all frames together. Past it the least recently used streams are dropped; their frames hear
 * `resync` at their next change and read their page afresh, so a forgotten stream costs time, never a finding.
 */
export const MAX_HELD_CHARS = 32_000_000;

interface FrameStream {
  token: string;
  stream: HitStream;
  /** The first part of a chunk whose rest is still to come (ScanRequest.open); matched once whole. */
  partial: string | null;
}

/** The stream's length as the frame counts it: what is matched, and a chunk begun. */
function heldLength(entry: FrameStream): number {
  return entry.partial === null ? entry.stream.length : nextChunkStart(entry.stream.length) + entry.partial.length;
}

export class Matching {
  /** By tab, then frame. A Map keeps insertion order: re-inserting on use makes its first entry the least recent. */
  private readonly streams = new Map<string, FrameStream>();
  private held = 0;
  /** Time spent matching and scoring, for `npm run bench:page` (see BackgroundService.stats). */
  private busy = 0;

  constructor(
    private readonly pack: () => Promise<Pack>,
    private readonly maxHeld = MAX_HELD_CHARS,
  ) {}

  async scan(request: ScanRequest, sender: MessageSender): Promise<ScanAnswer> {
    const pack = await this.pack();
    const started = performance.now();
    try {
      return this.scanWith(pack, request, sender);
    } finally {
      this.busy += performance.now() - started;
    }
  }

  private scanWith(pack: Pack, request: ScanRequest, sender: MessageSender): ScanAnswer {
    const key = `${sender.tabId ?? 'none'}/${sender.frameId ?? 0}`;
    let entry = this.streams.get(key);
    if (request.reset) {
      this.forget(key);
      entry = { token: request.stream, stream: new HitStream(pack), partial: null };
    } else if (!entry || entry.token !== request.stream || heldLength(entry) !== request.base) {
      // Restarted (a service worker is stopped when idle), evicted, or out of step: the frame starts over.
      this.forget(key);
      return { status: 'resync' };
    } else {
      this.streams.delete(key);
    }
    this.held -= heldLength(entry);
    const chunks = [...request.chunks];
    if (entry.partial !== null && chunks.length > 0) {
      chunks[0] = entry.partial + chunks[0]!;
      entry.partial = null;
    }
    if (request.open) entry.partial = chunks.pop() ?? '';
    for (const chunk of chunks) entry.stream.append(chunk);
    this.held += heldLength(entry);
    this.streams.set(key, entry);
    this.evictBeyondLimit();
    // More of this chunk is on its way: scoring now would only be thrown away.
    if (request.open) return { status: 'held' };
    const detection = entry.stream.detect({ sensitivity: request.sensitivity, hostname: request.host, families: request.families });
    const finding: Finding = {
      category: detection.category,
      severity: detection.severity,
      score: detection.score,
      families: detection.families,
      resembles: detection.resembles,
      evidence: detection.evidence.map(({ rule, facet, quote, context, start, end }) => ({ rule, facet, quote, context, start, end })),
      rules: detection.rules.slice(0, 50),
    };
    return { status: 'found', finding };
  }

  /** A field's text, checked and dropped: nothing of it is kept. */
  async checkField(text: string, host: string): Promise<FieldHint | null> {
    const pack = await this.pack();
    const started = performance.now();
    const found = checkDisclosure(text, { category: categoryOfHost(host) }, pack);
    this.busy += performance.now() - started;
    if (found.level !== 'hint' || !found.evidence || !found.kind || !found.why || !found.safer) return null;
    return { kind: found.kind, quote: found.evidence.quote, why: found.why, safer: found.safer, score: found.score, rules: found.rules.slice(0, 50) };
  }

  /** The tab closed: its frames' text goes. */
  forgetTab(tabId: number): void {
    for (const key of [...this.streams.keys()]) if (key.startsWith(`${tabId}/`)) this.forget(key);
  }

  /** Milliseconds spent matching and scoring so far. */
  get busyMs(): number {
    return this.busy;
  }

  /** Characters held now (for tests and the limit). */
  get heldChars(): number {
    return this.held;
  }

  private forget(key: string): void {
    const entry = this.streams.get(key);
    if (!entry) return;
    this.held -= heldLength(entry);
    this.streams.delete(key);
  }

  private evictBeyondLimit(): void {
    for (const key of this.streams.keys()) {
      if (this.held <= this.maxHeld || this.streams.size === 1) break;
      this.forget(key);
    }
  }
}
