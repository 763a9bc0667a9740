/** A single-consumer async queue: push values, end or fail it, iterate with `for await`. */
export class AsyncQueue<T> implements AsyncIterableIterator<T> {
  readonly #items: T[] = [];
  #waiting: ((result: IteratorResult<T>) => void) | undefined;
  #failWaiting: ((error: unknown) => void) | undefined;
  #done = false;
  #error: unknown;
  #failed = false;
  readonly #onReturn: () => void;
  readonly #onTake: (value: T) => void;

  /**
   * `onReturn` runs when the consumer stops early (break, return, throw); `onTake` runs for each
   * value as the consumer gets it (what it no longer waits in the queue).
   */
  constructor(onReturn: () => void = () => {}, onTake: (value: T) => void = () => {}) {
    this.#onReturn = onReturn;
    this.#onTake = onTake;
  }

  push(value: T): void {
    if (this.#done) return;
    const waiting = this.#waiting;
    if (waiting) {
      this.#clearWaiting();
      this.#onTake(value);
      waiting({ value, done: false });
    } else this.#items.push(value);
  }

  end(): void {
    this.#done = true;
    const waiting = this.#waiting;
    if (waiting && this.#items.length === 0) {
      this.#clearWaiting();
      waiting({ value: undefined, done: true });
    }
  }

  fail(error: unknown): void {
    if (this.#done) return;
    this.#done = true;
    this.#failed = true;
    this.#error = error;
    const fail = this.#failWaiting;
    if (fail && this.#items.length === 0) {
      this.#clearWaiting();
      fail(error);
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.#items.length > 0) {
      const value = this.#items.shift() as T;
      this.#onTake(value);
      return Promise.resolve({ value, done: false });
    }
    if (this.#failed) {
      this.#failed = false;
      return Promise.reject(this.#error);
    }
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.#waiting = resolve;
      this.#failWaiting = reject;
    });
  }

  return(): Promise<IteratorResult<T>> {
    if (!this.#done) {
      this.#done = true;
      this.#onReturn();
    }
    this.#items.length = 0;
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  #clearWaiting(): void {
    this.#waiting = undefined;
    this.#failWaiting = undefined;
  }
}
