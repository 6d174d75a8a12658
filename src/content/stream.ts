// The page's text as a stream of chunks: the first survey of the document, then the text of what changed, in the
// order it arrived (a chat's messages). The frame keeps only what maps the stream back to the page (which text node
// starts where); the text goes to the background's matcher (background/matching.ts), which holds the same stream
// and answers with evidence in stream offsets. Chunks wait in `pending` until they are sent.
import { nextChunkStart } from '../core/hit-stream.js';
import type { ExtractedText } from './extract.js';

export class TextStream {
  private size = 0;
  /** Text nodes and their stream offsets, side by side: two flat arrays, not an object per node (big pages). */
  private nodes: Text[] = [];
  private starts: number[] = [];
  private unsent: string[] = [];

  /** The stream's length, sent and unsent chunks included. */
  get length(): number {
    return this.size;
  }

  /** Sent chunks' total length: what the background holds once it has everything sent so far. */
  sentLength = 0;

  append(chunk: ExtractedText): void {
    if (chunk.text.length === 0) return; // the background skips empty chunks too, so lengths agree
    const base = nextChunkStart(this.size);
    for (const segment of chunk.segments) {
      this.nodes.push(segment.node);
      this.starts.push(segment.start + base);
    }
    this.unsent.push(chunk.text);
    this.size = base + chunk.text.length;
  }

  /** Whether chunks wait to be sent. */
  get hasPending(): boolean {
    return this.unsent.length > 0;
  }

  /** The chunks not sent yet, handed over once: the stream counts them as sent. */
  takePending(): string[] {
    const chunks = this.unsent;
    this.unsent = [];
    this.sentLength = this.size;
    return chunks;
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
    this.sentLength = 0;
    this.nodes = [];
    this.starts = [];
    this.unsent = [];
  }
}
