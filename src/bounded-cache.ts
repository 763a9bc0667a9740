/**
 * A Map of recent entries whose memory stays bounded whatever arrives: the newest `capacity`
 * entries are always kept, and at most twice as many. New entries go into the current half; once
 * it holds `capacity` keys it becomes the previous half, and the half before it is forgotten whole
 * (handed to `onForget`). Setting a key again makes it new (it moves to the current half).
 *
 * Why halves and not an exact oldest-first order: a cache entry lives for many requests, long
 * enough to reach V8's old generation, and bookkeeping that outlived its entry there (a linked
 * list through the entries, as this was before, in a Map with constant deletions) made every
 * young-generation GC keep and promote a large part of each request's garbage: over the memory
 * transport, scavenges cost 3-4x as much and a round trip ~1.4x the CPU, in most runs. Two plain
 * Maps, dropped a half at a time, leave nothing behind (see `../transports/renewing-map.ts`).
 */
export class BoundedCache<K, V> {
  #current = new Map<K, V>();
  #previous = new Map<K, V>();
  readonly #half: number;
  readonly #onForget: ((forgotten: ReadonlyMap<K, V>) => void) | undefined;

  /** `onForget` sees each half as it is forgotten. */
  constructor(capacity: number, onForget?: (forgotten: ReadonlyMap<K, V>) => void) {
    this.#half = Math.max(1, capacity);
    this.#onForget = onForget;
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
    const current = this.#current;
    if (current.size >= this.#half && !current.has(key)) {
      const forgotten = this.#previous;
      forgotten.delete(key); // set again: kept, in the new half
      this.#previous = current;
      this.#current = new Map([[key, value]]);
      if (forgotten.size > 0) this.#onForget?.(forgotten);
      return;
    }
    if (this.#previous.size > 0) this.#previous.delete(key);
    current.set(key, value);
  }

  delete(key: K): void {
    this.#current.delete(key);
    this.#previous.delete(key);
  }
}
