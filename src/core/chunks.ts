// How a text stream's chunks are laid end to end, shared by the page (content/stream.ts) and the background's
// matcher (hit-stream.ts). Apart from hit-stream.ts so that the content script does not bring in the matcher's
// modules: esbuild keeps a module's top-level work (site.ts builds its map of well-known sites) wherever it is
// imported, even for one small function.

/** Separates chunks so that no phrase runs from one into the next. */
export const CHUNK_SEPARATOR = '\n';

/** Where the next chunk starts in a stream of this length: the single source of truth for both ends. */
export function nextChunkStart(length: number): number {
  return length === 0 ? 0 : length + CHUNK_SEPARATOR.length;
}
