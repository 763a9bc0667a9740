/**
 * A Map of recent entries whose memory stays bounded whatever arrives: the newest `capacity`
 * entries are always kept, and at most twice as many. New entries go into the current half; once
 * it holds `capacity` keys it becomes the previous half, and the half before it is forgotten whole
 * (handed to `onForget`). Setting a key again makes it new (it moves to the current half).
 *
 * Why halves and not an exact oldest-first order: a cache entry lives for many requests, long
 * enough to reach V8's old generation, and bookkeeping that outlives its entry there (a linked
 * list through the entries, in a Map with constant deletions) makes every young-generation GC
 * keep and promote much of each request's garbage. Two plain Maps, dropped a half at a time,
 * leave nothing behind (see `renewing-map.ts`).
 *
 * With a {@link CacheBudget} the cache is bounded in weight (bytes) too: a half is also full once
 * it weighs half the budget, so the whole never weighs more than the budget; an entry that alone
 * weighs more than half of it is not kept.
 */

/** A bound on the total weight (e.g. bytes) of a {@link BoundedCache}'s entries (never undefined). */
export interface CacheBudget<V> {
  readonly max: number;
  weigh(value: V): number;
}
export class BoundedCache<K, V> {
  #current = new Map<K, V>();
  #previous = new Map<K, V>();
  readonly #half: number;
  readonly #onForget: ((forgotten: ReadonlyMap<K, V>) => void) | undefined;
  readonly #budget: CacheBudget<V> | undefined;
  /** Weight of each half, with a budget. */
  #currentWeight = 0;
  #previousWeight = 0;

  /** `onForget` sees each half as it is forgotten. */
  constructor(
    capacity: number,
    onForget?: (forgotten: ReadonlyMap<K, V>) => void,
    budget?: CacheBudget<V>,
  ) {
    this.#half = Math.max(1, capacity);
    this.#onForget = onForget;
    this.#budget = budget;
  }

  /** Total weight of the entries kept (0 without a budget). */
  get weight(): number {
    return this.#currentWeight + this.#previousWeight;
  }

  /** Entries kept now. */
  get size(): number {
    return this.#current.size + this.#previous.size;
  }

  get(key: K): V | undefined {
    // Two lookups for a miss, not three: a key in the current half is never in the previous one,
    // so an undefined value stored there reads as undefined either way.
    const value = this.#current.get(key);
    return value !== undefined ? value : this.#previous.get(key);
  }

  has(key: K): boolean {
    return this.#current.has(key) || this.#previous.has(key);
  }

  /** Stores `value` as the newest entry (forgetting the older half when the newer is full). */
  set(key: K, value: V): void {
    if (this.#budget !== undefined) {
      this.#setWeighed(key, value, this.#budget);
      return;
    }
    const current = this.#current;
    if (current.size >= this.#half && !current.has(key)) {
      this.#rotate(key, value);
      return;
    }
    if (this.#previous.size > 0) this.#previous.delete(key);
    current.set(key, value);
  }

  #setWeighed(key: K, value: V, budget: CacheBudget<V>): void {
    const weight = budget.weigh(value);
    this.delete(key);
    if (weight > budget.max / 2) return; // would outweigh a half: not kept
    const current = this.#current;
    if (current.size >= this.#half || this.#currentWeight + weight > budget.max / 2) {
      this.#rotate(key, value);
      this.#previousWeight = this.#currentWeight;
      this.#currentWeight = weight;
      return;
    }
    current.set(key, value);
    this.#currentWeight += weight;
  }

  /** The current half becomes the previous one, the previous is forgotten, `key` starts the new. */
  #rotate(key: K, value: V): void {
    const forgotten = this.#previous;
    forgotten.delete(key); // set again: kept, in the new half
    this.#previous = this.#current;
    this.#current = new Map([[key, value]]);
    if (forgotten.size > 0) this.#onForget?.(forgotten);
  }

  /** Every value kept, the older half first. */
  *values(): IterableIterator<V> {
    yield* this.#previous.values();
    yield* this.#current.values();
  }

  delete(key: K): void {
    const budget = this.#budget;
    if (budget === undefined) {
      this.#current.delete(key);
      this.#previous.delete(key);
      return;
    }
    // Weighed values are never undefined: a key not found costs one lookup per half, not two.
    const inCurrent = this.#current.get(key);
    if (inCurrent !== undefined) {
      this.#currentWeight -= budget.weigh(inCurrent);
      this.#current.delete(key);
    }
    const inPrevious = this.#previous.get(key);
    if (inPrevious !== undefined) {
      this.#previousWeight -= budget.weigh(inPrevious);
      this.#previous.delete(key);
    }
  }
}
