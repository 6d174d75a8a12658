// Giving the page its main thread back between two slices of our work: scheduler.yield() where the browser has it
// (the continuation keeps its place ahead of other queued tasks), else a zero-delay timer, the same step the change
// watcher takes between its slices.

type Scheduler = { yield?: () => Promise<void> };

export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
