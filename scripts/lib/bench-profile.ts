// Reads a V8 CPU profile (DevTools protocol Profiler.stop) of a page's main thread and attributes its samples to the
// extension: a sample is ours when any frame of its stack comes from a script whose URL starts with the
// extension's origin (chrome-extension://ID/content.js). Inclusive, so native work our code asked for (DOM walks,
// string building, lazy compiles of our functions) counts as ours; work the browser does later on its own account
// (style and layout after we insert the banner, garbage collection) has no JavaScript stack and does not.
// Pure: the benchmark feeds it profiles from Chromium, the unit tests feed it made-up ones.

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

/** The shape of the protocol's Profiler.Profile that matters here (times in microseconds). */
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface FunctionCost {
  /** "name (url:line)" of the innermost frame of ours. */
  name: string;
  selfMs: number;
}

export interface ProfileCost {
  /** Main-thread time with a frame of ours on the stack. */
  oursMs: number;
  /** Main-thread time not idle (everyone's work: the page's, the browser's and ours). */
  busyMs: number;
  /**
   * Longest uninterrupted stretch of our code: consecutive samples of ours, where garbage-collector samples between
   * two of ours continue the stretch (that collection ran inside our task). A task of ours is at least this long.
   */
  longestMs: number;
  /** From the start of the profile to the end of our last sample (0 when we never ran), and the whole window. */
  lastOursMs: number;
  windowMs: number;
  /** Self time by the innermost frame of ours, costliest first. */
  functions: FunctionCost[];
}

const IDLE = '(idle)';
const GC = '(garbage collector)';

/** How a frame of ours is named in `functions`: by default "name (file:line)" as the profile has it. */
export type FrameNamer = (frame: ProfileNode['callFrame']) => string;

const defaultName: FrameNamer = (frame) => `${frame.functionName || '(anonymous)'} (${basename(frame.url)}:${frame.lineNumber + 1})`;

export function attributeProfile(profile: CpuProfile, ourUrlPrefix: string, nameOf: FrameNamer = defaultName): ProfileCost {
  const byId = new Map<number, ProfileNode>();
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parentOf.set(child, node.id);
  }
  // Per node, once: the innermost frame of ours on its stack (itself or an ancestor), or null.
  const oursOf = new Map<number, ProfileNode | null>();
  const innermostOurs = (id: number): ProfileNode | null => {
    const known = oursOf.get(id);
    if (known !== undefined) return known;
    const chain: number[] = [];
    let found: ProfileNode | null = null;
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const cached = oursOf.get(at);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      chain.push(at);
      const node = byId.get(at);
      if (node && node.callFrame.url.startsWith(ourUrlPrefix)) {
        found = node;
        break;
      }
    }
    // Every node on the walked chain below the frame found shares its answer.
    for (const at of chain) oursOf.set(at, found);
    return found;
  };

  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const times: number[] = [];
  let t = profile.startTime;
  for (let i = 0; i < samples.length; i++) times.push((t += deltas[i] ?? 0));

  let oursUs = 0;
  let busyUs = 0;
  let longestUs = 0;
  let stretchStart: number | null = null;
  let stretchEnd = 0;
  let lastOursUs = 0;
  const self = new Map<string, number>();
  for (let i = 0; i < samples.length; i++) {
    // A sample stands for the time until the next one; the last, for the time until the profile ended.
    const end = i + 1 < samples.length ? times[i + 1]! : Math.max(times[i]!, profile.endTime);
    const duration = end - times[i]!;
    const leaf = byId.get(samples[i]!);
    const leafName = leaf?.callFrame.functionName ?? '';
    if (leafName !== IDLE) busyUs += duration;
    const ours = innermostOurs(samples[i]!);
    if (ours) {
      oursUs += duration;
      const name = nameOf(ours.callFrame);
      self.set(name, (self.get(name) ?? 0) + duration);
      stretchStart ??= times[i]!;
      stretchEnd = end;
      longestUs = Math.max(longestUs, stretchEnd - stretchStart);
      lastOursUs = end - profile.startTime;
    } else if (leafName !== GC) {
      stretchStart = null;
    }
  }
  const functions = [...self.entries()]
    .map(([name, us]) => ({ name, selfMs: us / 1000 }))
    .sort((a, b) => b.selfMs - a.selfMs || a.name.localeCompare(b.name));
  return {
    oursMs: oursUs / 1000,
    busyMs: busyUs / 1000,
    longestMs: longestUs / 1000,
    lastOursMs: lastOursUs / 1000,
    windowMs: (profile.endTime - profile.startTime) / 1000,
    functions,
  };
}

function basename(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}
