// The page's text as a stream of chunks: the first survey of the document, then the text of what changed, in the
// order it arrived (a chat's messages). Each chunk is folded and matched once when it arrives; only the scoring,
// which is cheap, looks at all hits again. Positions are kept in stream coordinates so evidence maps back to nodes.
import { detectFromHits, type Detection, type DetectOptions } from '../core/detect.js';
import { scanPhrases, type PhraseHit } from '../core/match/scan.js';
import type { Pack } from '../core/pack.js';
import type { ExtractedText, TextSegment } from './extract.js';

/** Separates chunks so that no phrase runs from one into the next. */
const SEPARATOR = '\n';

export class TextStream {
  private text = '';
  private foldedLength = 0;
  private hits: PhraseHit[] = [];
  private segments: TextSegment[] = [];

  constructor(private readonly pack: Pack) {}

  get length(): number {
    return this.text.length;
  }

  /** Adds a chunk of extracted text: folds and matches it alone, then shifts its hits into stream coordinates. */
  append(chunk: ExtractedText): void {
    if (chunk.text.length === 0) return;
    const base = this.text.length === 0 ? 0 : this.text.length + SEPARATOR.length;
    const foldedBase = this.foldedLength === 0 ? 0 : this.foldedLength + 1;
    const hits = scanPhrases(chunk.text, this.pack);
    for (const hit of hits) {
      this.hits.push({
        ...hit,
        start: hit.start + base,
        end: hit.end + base,
        foldedStart: hit.foldedStart + foldedBase,
        foldedEnd: hit.foldedEnd + foldedBase,
      });
    }
    for (const segment of chunk.segments) this.segments.push({ node: segment.node, start: segment.start + base });
    this.text = this.text.length === 0 ? chunk.text : this.text + SEPARATOR + chunk.text;
    // The folded length only places later chunks; an upper bound keeps chunks apart, which is all windows need.
    this.foldedLength = foldedBase + chunk.text.length;
  }

  detect(options: DetectOptions): Detection {
    return detectFromHits(this.text, this.hits, options, this.pack);
  }

  /** The text node and offset behind a stream offset, if that node is still in the page. */
  locate(offset: number): { node: Text; offset: number } | null {
    let low = 0;
    let high = this.segments.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const segment = this.segments[mid]!;
      if (segment.start > offset) high = mid - 1;
      else if (segment.start + segment.node.data.length < offset) low = mid + 1;
      else return segment.node.isConnected ? { node: segment.node, offset: offset - segment.start } : null;
    }
    return null;
  }

  clear(): void {
    this.text = '';
    this.foldedLength = 0;
    this.hits = [];
    this.segments = [];
  }
}

/**
 * A long survey cut into pieces of about `size` characters, each to be appended (and matched) in its own slice of
 * time. Cuts fall only on a line break between two blocks, which the stream's own separator then restores: the
 * stream's text and offsets are those of the whole survey appended at once. A phrase is not matched across a cut
 * (one block's last words with the next one's first), as it is not across two chat messages.
 */
export function cutAtBlocks(all: ExtractedText, size: number): ExtractedText[] {
  if (all.text.length <= size) return [all];
  const pieces: ExtractedText[] = [];
  let from = 0; // start of the current piece in the survey's text
  let first = 0; // its first segment
  for (let i = 1; i < all.segments.length; i++) {
    const cut = all.segments[i]!.start - 1;
    if (cut - from < size) continue;
    const before = all.segments[i - 1]!;
    // Only a line break the walk put between two text nodes, never one inside a node's own text.
    if (all.text[cut] !== SEPARATOR || before.start + before.node.data.length > cut) continue;
    pieces.push(piece(all, from, cut, first, i));
    from = cut + SEPARATOR.length;
    first = i;
  }
  pieces.push({ ...piece(all, from, all.text.length, first, all.segments.length), truncated: all.truncated });
  return pieces;
}

function piece(all: ExtractedText, from: number, to: number, first: number, end: number): ExtractedText {
  return {
    text: all.text.slice(from, to),
    segments: all.segments.slice(first, end).map((segment) => ({ node: segment.node, start: segment.start - from })),
    truncated: false,
  };
}

