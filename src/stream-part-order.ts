/**
 * A streamed response's parts, passed on in `seq` order and each once. Parts can arrive out of
 * order (a part whose publish failed across a reconnect is sent again after later ones) or twice
 * (a QoS 1 redelivery): an early one waits for the gap before it, a repeat or one older than what
 * was passed on already is dropped. When the stream ends, whatever still waits behind a gap (a
 * part that never came) is passed on, in order, before the end.
 */

/** Most early parts kept waiting for a gap; beyond it the wait is given up (the gap is lost). */
export const MAX_EARLY_PARTS = 1024;

export class StreamPartOrder<T> {
  readonly #pass: (seq: number, data: T) => void;
  readonly #early = new Map<number, T>();
  #next = 0;

  constructor(pass: (seq: number, data: T) => void) {
    this.#pass = pass;
  }

  /** A part arrived; returns false when it is dropped (a repeat, or older than one passed on). */
  add(seq: number, data: T): boolean {
    if (!Number.isSafeInteger(seq) || seq < this.#next || this.#early.has(seq)) return false;
    if (seq > this.#next) {
      this.#early.set(seq, data);
      if (this.#early.size > MAX_EARLY_PARTS) this.#skipGap();
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
      if (!this.#early.has(seq)) return;
      const data = this.#early.get(seq) as T;
      this.#early.delete(seq);
      this.#next = seq + 1;
      this.#pass(seq, data);
    }
  }
}
