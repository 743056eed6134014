// Long loops on the page's only thread, cut into slices: work until the budget is spent, then let the
// browser handle input, paint progress and answer other tasks before going on.

/**
 * Resolves after the browser had a chance to run other tasks (input, rendering, timers). A posted
 * message queues behind what is already waiting; `scheduler.yield()` would not (its continuation jumps
 * the queue, which starves other work during a long loop).
 */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export class TimeSlicer {
  private start = performance.now();
  /** How many times the work gave way to the page. */
  yields = 0;

  constructor(
    private readonly budgetMs = 12,
    private readonly cancelled: () => boolean = () => false,
  ) {}

  /** Yields when the budget of this slice is spent; true when it did. Throws CancelledError when cancelled. */
  async maybeYield(): Promise<boolean> {
    if (this.cancelled()) throw new CancelledError();
    if (performance.now() - this.start < this.budgetMs) return false;
    await yieldToPage();
    this.yields++;
    this.start = performance.now();
    if (this.cancelled()) throw new CancelledError();
    return true;
  }
}
