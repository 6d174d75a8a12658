// Watching the page for new text without slowing it down (the uBlock Origin way): the MutationObserver callback
// only queues nodes; the queue is read later, in slices of a few milliseconds, so a burst of mutations never
// becomes one long task. Reading stops at a cap on huge pages, and observation pauses on long-quiet pages until
// the person comes back to them.

export interface ChangeWatcherOptions {
  /** Wait this long after a change before reading, so bursts are read together. */
  delayMs: number;
  /** Longest stretch of reading before yielding to the page. */
  sliceMs: number;
  /** Stop observing after this long without changes; resume on visibility or input. */
  quietMs: number;
  /** Queue no more than this many nodes between reads, nor keep more unread (a mutation storm). */
  maxQueued: number;
  /** While a page changes faster than we read, still score what was read at least this often. */
  settleEveryMs: number;
  now: () => number;
}

export const DEFAULT_WATCH: ChangeWatcherOptions = {
  delayMs: 64,
  sliceMs: 4,
  quietMs: 10 * 60_000,
  maxQueued: 5000,
  settleEveryMs: 500,
  now: () => performance.now(),
};

const OBSERVED: MutationObserverInit = { childList: true, subtree: true, characterData: true };
/** Shadow roots remembered before the ones whose host left the page are let go. */
const PRUNE_AT = 256;

export class ChangeWatcher {
  private observer: MutationObserver | null = null;
  /** Open shadow roots the page's text was found in: the document's observer does not see inside them. */
  private readonly shadowRoots = new Set<ShadowRoot>();
  private observing = false;
  private queue = new Set<Node>();
  /** Nodes taken from the queue but not read yet (a slice ran out of time). */
  private pending: Node[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private quietTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the page last changed (or observation began), by Date.now: quiet time counts from here. */
  private changedAt = 0;
  private overflowed = false;
  private settledAt = 0;
  private stopped = false;
  private readonly wake = (): void => this.resume();
  /**
   * While the first survey of the page is still walking, a change it has not reached yet is left to it (reading
   * it here as well would count its text twice). Given the node that changed (for a text edit, the text node).
   */
  leaveTo: ((changed: Node) => boolean) | null = null;

  constructor(
    private readonly doc: Document,
    /** Reads one changed node's text. */
    private readonly readNode: (node: Node) => void,
    /** Called once the queue is empty again, so the page is scored once per burst. */
    private readonly settled: () => void,
    /** Called when a node storm overflowed the queue: re-read the whole page instead. */
    private readonly rereadAll: () => void,
    private readonly isOwnNode: (node: Node) => boolean,
    private readonly options: ChangeWatcherOptions = DEFAULT_WATCH,
  ) {}

  start(): void {
    if (this.stopped) return;
    this.observer ??= new MutationObserver((records) => this.enqueue(records));
    this.observer.observe(this.doc.documentElement ?? this.doc, OBSERVED);
    for (const root of this.shadowRoots) this.observer.observe(root, OBSERVED);
    this.observing = true;
    this.armQuietTimer();
  }

  /** Follows changes inside an open shadow root too (a chat built from web components adds its messages there). */
  watchShadowRoot(root: ShadowRoot): void {
    if (this.stopped || this.shadowRoots.has(root)) return;
    if (this.shadowRoots.size >= PRUNE_AT) {
      for (const known of this.shadowRoots) if (!known.host.isConnected) this.shadowRoots.delete(known);
    }
    this.shadowRoots.add(root);
    if (this.observing) this.observer?.observe(root, OBSERVED);
  }

  /** Drops what is queued and not read yet: a fresh survey of the whole page is about to read it. */
  forgetQueued(): void {
    this.queue.clear();
    this.pending = [];
  }

  /** Disconnects everything; used when the extension goes away. */
  stop(): void {
    this.stopped = true;
    this.observing = false;
    this.observer?.disconnect();
    this.shadowRoots.clear();
    clearTimeout(this.timer);
    clearTimeout(this.quietTimer);
    this.quietTimer = undefined;
    this.queue.clear();
    this.pending = [];
    this.doc.removeEventListener('visibilitychange', this.wake);
    this.doc.removeEventListener('pointerdown', this.wake, true);
    this.doc.removeEventListener('keydown', this.wake, true);
  }

  private enqueue(records: MutationRecord[]): void {
    for (const record of records) {
      if (record.type === 'characterData') this.add(record.target.parentNode, record.target);
      else for (const node of record.addedNodes) this.add(node, node);
    }
    this.armQuietTimer();
    this.timer ??= setTimeout(() => this.drain(), this.options.delayMs);
  }

  private add(node: Node | null, changed: Node): void {
    if (!node || this.overflowed || this.isOwnNode(node) || this.leaveTo?.(changed)) return;
    if (this.queue.size >= this.options.maxQueued) {
      this.overflowed = true;
      this.queue.clear();
      return;
    }
    this.queue.add(node);
  }

  private drain(): void {
    this.timer = undefined;
    if (this.stopped) return;
    if (this.overflowed) {
      this.overflowed = false;
      this.settledAt = this.options.now();
      this.rereadAll();
      return;
    }
    // Nodes inside other queued nodes are read with them; detached nodes are gone.
    const fresh = [...this.queue].filter((node) => node.isConnected && !hasQueuedAncestor(node, this.queue));
    this.queue.clear();
    fresh.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    this.pending.push(...fresh);
    if (this.pending.length > this.options.maxQueued) {
      // The page changes faster than we read, and the backlog only grows: one fresh survey instead.
      this.pending = [];
      this.settledAt = this.options.now();
      this.rereadAll();
      return;
    }
    const deadline = this.options.now() + this.options.sliceMs;
    let read = 0;
    while (read < this.pending.length && (read === 0 || this.options.now() < deadline)) {
      const node = this.pending[read++]!;
      if (node.isConnected) this.readNode(node);
    }
    this.pending = this.pending.slice(read);
    if (this.pending.length > 0) {
      this.timer = setTimeout(() => this.drain(), 0); // yield, then go on
      // A backlog that never empties must not keep what was read from being scored.
      if (this.options.now() - this.settledAt >= this.options.settleEveryMs) this.settle();
    } else this.settle();
  }

  private settle(): void {
    this.settledAt = this.options.now();
    this.settled();
  }

  /**
   * Notes the change; the quiet timer runs on. Re-arming it at every change (clearTimeout, setTimeout) cost a busy
   * chat page more than reading its messages, measured in Chromium: now it is armed once, and when it fires before
   * the page has been quiet long enough it waits for the rest.
   */
  private armQuietTimer(): void {
    // Date.now, not options.now (performance.now): a call into the browser at every change, where a millisecond
    // clock is precise enough for minutes of quiet.
    this.changedAt = Date.now();
    this.quietTimer ??= setTimeout(this.quietCheck, this.options.quietMs);
  }

  private readonly quietCheck = (): void => {
    this.quietTimer = undefined;
    if (this.stopped) return;
    const quietFor = Date.now() - this.changedAt;
    if (quietFor >= this.options.quietMs) this.pause();
    else this.quietTimer = setTimeout(this.quietCheck, this.options.quietMs - quietFor);
  };

  /** A long-quiet page costs nothing: observation stops until the person comes back. */
  private pause(): void {
    if (this.stopped) return;
    this.observing = false;
    this.observer?.disconnect();
    // The survey on resume finds the shadow roots that are still there.
    this.shadowRoots.clear();
    this.doc.addEventListener('visibilitychange', this.wake);
    this.doc.addEventListener('pointerdown', this.wake, true);
    this.doc.addEventListener('keydown', this.wake, true);
  }

  private resume(): void {
    this.doc.removeEventListener('visibilitychange', this.wake);
    this.doc.removeEventListener('pointerdown', this.wake, true);
    this.doc.removeEventListener('keydown', this.wake, true);
    if (this.stopped) return;
    // What changed while we were not looking is read as one fresh survey.
    this.rereadAll();
    this.start();
  }
}

function hasQueuedAncestor(node: Node, queue: Set<Node>): boolean {
  for (let p = node.parentNode; p; p = p.parentNode) if (queue.has(p)) return true;
  return false;
}
