// A text that grows chunk by chunk (a page's first survey, then what changed, in the order it arrived), matched
// as each chunk arrives: only the scoring, which is cheap, looks at all hits again. The background keeps one per
// frame, so a chat page's new message costs one small match, not a rescan of the page.
import { detectFromHits, scanText, type Detection, type DetectOptions } from './detect.js';
import type { PhraseHit } from './match/scan.js';
import type { Pack } from './pack.js';
import { CHUNK_SEPARATOR, nextChunkStart } from './chunks.js';

export class HitStream {
  private text = '';
  private foldedLength = 0;
  private hits: PhraseHit[] = [];

  constructor(private readonly pack: Pack) {}

  get length(): number {
    return this.text.length;
  }

  /** Folds and matches the chunk alone, then shifts its hits into stream coordinates. */
  append(chunk: string): void {
    if (chunk.length === 0) return;
    const base = nextChunkStart(this.text.length);
    const foldedBase = this.foldedLength === 0 ? 0 : this.foldedLength + 1;
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
  }

  detect(options: DetectOptions): Detection {
    return detectFromHits(this.text, this.hits, options, this.pack);
  }
}
