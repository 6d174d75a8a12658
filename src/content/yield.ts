// Giving the page its main thread back between two slices of our work: a zero-delay timer, the same step the
// change watcher takes between its slices. Not scheduler.yield(): its continuation runs ahead of the page's own
// queued tasks and, on an idle page, right away, so back-to-back slices would still hold the thread as long as one
// task did. A timer lets the page's tasks (and after a few nested ones, a few idle milliseconds) run in between.

export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
