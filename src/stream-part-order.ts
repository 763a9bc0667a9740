/**
 * A streamed response's parts, passed on in `seq` order and each once. Parts can arrive out of
 * order (a part whose publish failed across a reconnect is sent again after later ones) or twice
 * (a QoS 1 redelivery): an early one waits for the gap before it, a repeat or one older than what
 * was passed on already is dropped. A gap is waited for at most {@link GAP_WAIT_MS} (a part lost
 * on a QoS 0 transport must not freeze a live stream), and when the stream ends whatever still
 * waits behind one is passed on, in order, before the end.
 */

/** How long early parts wait for a missing one before the gap is given up. */
export const GAP_WAIT_MS = 1000;

/** Most early parts kept waiting for a gap; beyond it the wait is given up (the gap is lost). */
export const MAX_EARLY_PARTS = 1024;

export class StreamPartOrder<T> {
  readonly #pass: (seq: number, data: T) => void;
  readonly #early = new Map<number, T>();
  #next = 0;
  #gapTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(pass: (seq: number, data: T) => void) {
    this.#pass = pass;
  }

  /** A part arrived; returns false when it is dropped (a repeat, or older than one passed on). */
  add(seq: number, data: T): boolean {
    if (!Number.isSafeInteger(seq) || seq < this.#next || this.#early.has(seq)) return false;
    if (seq > this.#next) {
      this.#early.set(seq, data);
      if (this.#early.size > MAX_EARLY_PARTS) this.#skipGap();
      else this.#gapTimer ??= setTimeout(() => this.#gapWaited(), GAP_WAIT_MS);
      return true;
    }
    this.#pass(seq, data);
    this.#next = seq + 1;
    this.#drain();
    return true;
  }

  /** The stream ended: what waits behind a gap goes out now, in order. */
  flush(): void {
    while (this.#early.size > 0) this.#skipGap();
  }

  #gapWaited(): void {
    this.#gapTimer = undefined;
    this.#skipGap();
    // Another gap behind the first: it gets its own wait.
    if (this.#early.size > 0) this.#gapTimer = setTimeout(() => this.#gapWaited(), GAP_WAIT_MS);
  }

  /** Gives up on the gap before the earliest waiting part. */
  #skipGap(): void {
    let first = Number.POSITIVE_INFINITY;
    for (const seq of this.#early.keys()) if (seq < first) first = seq;
    this.#next = first;
    this.#drain();
  }

  #drain(): void {
    for (;;) {
      const seq = this.#next;
      if (!this.#early.has(seq)) {
        if (this.#early.size === 0 && this.#gapTimer !== undefined) {
          clearTimeout(this.#gapTimer);
          this.#gapTimer = undefined;
        }
        return;
      }
      const data = this.#early.get(seq) as T;
      this.#early.delete(seq);
      this.#next = seq + 1;
      this.#pass(seq, data);
    }
  }
}
