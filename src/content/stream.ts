// The page's text as a stream of chunks: the first survey of the document, then the text of what changed, in the
// order it arrived (a chat's messages). The frame keeps only what maps the stream back to the page (which text node
// starts where); the text goes to the background's matcher (background/matching.ts), which holds the same stream
// and answers with evidence in stream offsets. Chunks wait in `unsent` until they are sent.
import { nextChunkStart } from '../core/chunks.js';
import type { NarrowText } from '../narrow-text.js';
import type { ExtractedText } from './extract.js';

export interface Pending {
  chunks: string[];
  /** The last chunk is cut short: its rest opens the next request (see ScanRequest.open). */
  open: boolean;
  /**
   * Spans of the chunks blanked in their narrow copies, as [chunk, offset, length] triples, and their text end to
   * end, which goes aside (see narrow-text.ts); empty when every chunk went as it is.
   */
  wide: number[];
  aside: string;
}

export class TextStream {
  private size = 0;
  /** Text nodes and their stream offsets, side by side: two flat arrays, not an object per node (big pages). */
  private nodes: Text[] = [];
  private starts: number[] = [];
  /**
   * Chunks not sent yet: each as it is or as its narrow copy (whose spans' text goes aside; the chunk's whole text is
   * then never joined), and where each ends in the stream.
   */
  private unsent: Array<string | NarrowText> = [];
  private unsentEnds: number[] = [];
  /** How much of the first unsent chunk went out already (a request cut it short). */
  private head = 0;
  private sent = 0;
  private cut = false;

  /** The stream's length, sent and unsent chunks included. */
  get length(): number {
    return this.size;
  }

  /** How much of the stream the background holds once it has everything sent so far (what it checks as `base`). */
  get sentLength(): number {
    return this.sent;
  }

  append(chunk: ExtractedText): void {
    if (chunk.length === 0) return; // the background skips empty chunks too, so lengths agree
    const base = nextChunkStart(this.size);
    if (base === 0) {
      // The stream's first chunk (a page's survey): its arrays are taken over, not copied; the reader that made them
      // is done.
      // On the 200,000-node page (Chromium 156, bench:page, two pairs) that took the longest task of ours from 29-32
      // to 17-19 ms, where copying the reader's flat arrays left it at 33, and it leaves 0.5 MB more on the heap
      // (2.7 -> 3.2 MB, within the 5 MB target; the copy does not).
      this.nodes = chunk.nodes;
      this.starts = chunk.starts;
    } else {
      for (let i = 0; i < chunk.nodes.length; i++) {
        this.nodes.push(chunk.nodes[i]!);
        this.starts.push(chunk.starts[i]! + base);
      }
    }
    this.size = base + chunk.length;
    this.unsent.push(chunk.narrow ?? chunk.text);
    this.unsentEnds.push(this.size);
  }

  /** Whether chunks wait to be sent. */
  get hasPending(): boolean {
    return this.unsent.length > 0;
  }

  /** Whether the last request cut a chunk short: its rest must go next, before anything else. */
  get isOpen(): boolean {
    return this.cut;
  }

  /**
   * Up to `limit` characters of what is not sent yet, handed over once: the stream counts them as sent. A chunk
   * longer than what is left of the limit is cut (one huge survey goes out in several requests, none of them a
   * long task to serialise), and the background joins the parts before matching, so no phrase is cut.
   */
  takePending(limit = Infinity): Pending {
    const chunks: string[] = [];
    const wide: number[] = [];
    const aside: string[] = [];
    let budget = limit;
    while (this.unsent.length > 0 && budget > 0) {
      const chunk = this.unsent[0]!;
      const text = typeof chunk === 'string' ? chunk : chunk.narrow;
      const from = this.head;
      const to = Math.min(text.length, from + budget);
      chunks.push(from === 0 && to === text.length ? text : text.slice(from, to));
      if (typeof chunk !== 'string') {
        const spans = chunk.spans;
        // Spans ascend: stop at the first one past this part.
        for (let i = 0; i < spans.length && spans[i]! < to; i += 2) {
          const start = Math.max(spans[i]!, from);
          const end = Math.min(spans[i + 1]!, to);
          if (start < end) {
            wide.push(chunks.length - 1, start - from, end - start);
            aside.push(chunk.wide[i / 2]!.slice(start - spans[i]!, end - spans[i]!));
          }
        }
      }
      budget -= to - from;
      if (to < text.length) {
        this.head = to;
        this.sent = this.unsentEnds[0]! - (text.length - to);
        this.cut = true;
        return { chunks, open: true, wide, aside: aside.join('') };
      }
      this.head = 0;
      this.sent = this.unsentEnds[0]!;
      this.unsent.shift();
      this.unsentEnds.shift();
      this.cut = false;
    }
    return { chunks, open: false, wide, aside: aside.join('') };
  }

  /** The text node and offset behind a stream offset, if that node is still in the page. */
  locate(offset: number): { node: Text; offset: number } | null {
    let low = 0;
    let high = this.starts.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const start = this.starts[mid]!;
      const node = this.nodes[mid]!;
      if (start > offset) high = mid - 1;
      else if (start + node.data.length < offset) low = mid + 1;
      else return node.isConnected ? { node, offset: offset - start } : null;
    }
    return null;
  }

  clear(): void {
    this.size = 0;
    this.sent = 0;
    this.cut = false;
    this.nodes = [];
    this.starts = [];
    this.unsent = [];
    this.unsentEnds = [];
    this.head = 0;
  }
}
