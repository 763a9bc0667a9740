/**
 * Runs inbound work with bounded concurrency. When handlers are backlogged, waiting work runs
 * highest priority first (first come, first served within a priority). The backlog is bounded
 * in count and in bytes (each job's size as it came off the wire): when it is over either, the
 * lowest priority, newest item is shed and told so (`overloaded`).
 */

/** One unit of inbound work: what the dispatcher orders and weighs it by. */
export interface Job {
  /** 1 low .. 4 urgent. */
  readonly priority: number;
  /** Bytes it came in as, counted against `maxQueueBytes` while it waits. @default 0 */
  readonly size?: number;
}

/** Why a job was shed. */
export type ShedReason = "overflow" | "drained";

interface Queued<J extends Job> {
  readonly job: J;
  readonly seq: number;
}

/** Options for {@link createDispatcher}: its bounds, and how its jobs run or are shed. */
export interface DispatcherOptions<J extends Job> {
  readonly concurrency: number;
  readonly maxQueue: number;
  /** @default no limit */
  readonly maxQueueBytes?: number;
  /**
   * Does a job's work; must not throw (it reports its own failures). Returns a promise while the
   * work goes on asynchronously, nothing when it is already done.
   */
  run(job: J): Promise<void> | undefined;
  /** Called instead of `run`: shed from a full backlog (`"overflow"`) or by `drain()` (`"drained"`). */
  shed(job: J, why: ShedReason): void;
}

/** The dispatcher's public face. */
export interface Dispatcher<J extends Job> {
  submit(job: J): void;
  /** Jobs running now. */
  readonly active: number;
  /** Jobs waiting. */
  readonly queued: number;
  /** Bytes of the jobs waiting. */
  readonly queuedBytes: number;
  /** Sheds everything still waiting (on close). */
  drain(): void;
}

/** `a` should run before `b`. */
function before(a: Queued<Job>, b: Queued<Job>): boolean {
  return a.job.priority > b.job.priority || (a.job.priority === b.job.priority && a.seq < b.seq);
}

export function createDispatcher<J extends Job>(options: DispatcherOptions<J>): Dispatcher<J> {
  const maxQueueBytes = options.maxQueueBytes ?? Number.POSITIVE_INFINITY;
  const heap: Queued<J>[] = [];
  let active = 0;
  let seq = 0;
  let queuedBytes = 0;

  function swap(i: number, j: number): void {
    const t = heap[i] as Queued<J>;
    heap[i] = heap[j] as Queued<J>;
    heap[j] = t;
  }
  function up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i] as Queued<J>, heap[parent] as Queued<J>)) return;
      swap(i, parent);
      i = parent;
    }
  }
  function down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < heap.length && before(heap[l] as Queued<J>, heap[best] as Queued<J>)) best = l;
      if (r < heap.length && before(heap[r] as Queued<J>, heap[best] as Queued<J>)) best = r;
      if (best === i) return;
      swap(i, best);
      i = best;
    }
  }
  function pop(): Queued<J> | undefined {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      down(0);
    }
    if (top) queuedBytes -= top.job.size ?? 0;
    return top;
  }
  /** Removes and returns the item that should run last (the heap's worst leaf). */
  function popWorst(): Queued<J> | undefined {
    let worst = -1;
    for (let i = heap.length >> 1; i < heap.length; i++) {
      if (worst < 0 || before(heap[worst] as Queued<J>, heap[i] as Queued<J>)) worst = i;
    }
    if (worst < 0) return undefined;
    const item = heap[worst] as Queued<J>;
    queuedBytes -= item.job.size ?? 0;
    const last = heap.pop() as Queued<J>;
    if (worst < heap.length) {
      heap[worst] = last;
      down(worst);
      up(worst);
    }
    return item;
  }

  function finished(): void {
    active--;
    startWaiting();
  }

  /** True while {@link startWaiting} loops: a job done at once inside it must not nest another. */
  let starting = false;

  /** Starts waiting work while there is room; a loop, so jobs done at once do not nest. */
  function startWaiting(): void {
    if (starting) return; // the loop below goes on
    starting = true;
    try {
      while (active < options.concurrency) {
        const next = pop();
        if (!next) return;
        start(next.job);
      }
    } finally {
      starting = false;
    }
  }

  function start(job: J): void {
    active++;
    let running: Promise<void> | undefined;
    try {
      running = options.run(job);
    } catch {
      // A job must not throw; one that does has ended, as a rejected one would.
    }
    if (running !== undefined) {
      running.then(finished, finished);
      return;
    }
    active--;
    // Work it submitted while it held the slot waits in the queue: start it now.
    startWaiting();
  }

  return {
    submit(job) {
      if (active < options.concurrency) {
        start(job);
        return;
      }
      const size = job.size ?? 0;
      // Larger than the whole backlog may be: it alone is shed, the waiting ones stay.
      if (size > maxQueueBytes) {
        options.shed(job, "overflow");
        return;
      }
      heap.push({ job, seq: seq++ });
      queuedBytes += size;
      up(heap.length - 1);
      while (heap.length > options.maxQueue || queuedBytes > maxQueueBytes)
        options.shed((popWorst() as Queued<J>).job, "overflow");
    },
    get active() {
      return active;
    },
    get queued() {
      return heap.length;
    },
    get queuedBytes() {
      return queuedBytes;
    },
    drain() {
      queuedBytes = 0;
      for (const item of heap.splice(0)) options.shed(item.job, "drained");
    },
  };
}
