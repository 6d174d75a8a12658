// A text that grows chunk by chunk (a page's first survey, then what changed, in the order it arrived), matched
// as each chunk arrives: only the scoring, which is cheap, looks at all hits again. The background keeps one per
// frame, so a chat page's new message costs one small match, not a rescan of the page.
import { detectFromHits, scanText, type Detection, type DetectOptions } from './detect.js';
import { ConceptIndex } from './features.js';
import type { PhraseHit } from './match/scan.js';
import type { Pack } from './pack.js';
import { CHUNK_SEPARATOR, nextChunkStart } from './chunks.js';

/** Windows whose text signal a stream remembers at most. */
const SIGNAL_MEMO = 512;

export class HitStream {
  private text = '';
  private foldedLength = 0;
  private hits: PhraseHit[] = [];
  /** The text signal of windows already scored: appending never changes the text they read. */
  private readonly signals = new Map<string, number>();
  /** The concepts of the text so far, extended as chunks arrive. */
  private readonly concepts = new ConceptIndex();

  constructor(private readonly pack: Pack) {}

  get length(): number {
    return this.text.length;
  }

  /** Folds and matches the chunk alone, then shifts its hits into stream coordinates. */
  append(chunk: string): void {
    if (chunk.length === 0) return;
    const base = nextChunkStart(this.text.length);
    const foldedBase = this.foldedLength === 0 ? 0 : this.foldedLength + 1;
    const first = this.hits.length;
    for (const hit of scanText(chunk, this.pack)) {
      this.hits.push({
        ...hit,
        start: hit.start + base,
        end: hit.end + base,
        foldedStart: hit.foldedStart + foldedBase,
        foldedEnd: hit.foldedEnd + foldedBase,
      });
    }
    this.text = this.text.length === 0 ? chunk : this.text + CHUNK_SEPARATOR + chunk;
    // The folded length only places later chunks; an upper bound keeps chunks apart, which is all windows need.
    this.foldedLength = foldedBase + chunk.length;
    this.concepts.add(this.text, this.hits.slice(first), this.pack.rules, first);
  }

  /** The text so far and every hit in it, for checking the stream against one pass over the same hits. */
  get matched(): { text: string; hits: readonly PhraseHit[] } {
    return { text: this.text, hits: this.hits };
  }

  detect(options: DetectOptions): Detection {
    // Bounded: a long chat scores new windows as it grows, and the old ones are not asked again.
    if (this.signals.size > SIGNAL_MEMO) this.signals.clear();
    return detectFromHits(this.text, this.hits, options, this.pack, { signals: this.signals, concepts: this.concepts });
  }
}
