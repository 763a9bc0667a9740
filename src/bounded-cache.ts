/** A Map that forgets its oldest entries beyond `capacity`: memory stays bounded whatever arrives. */
export class BoundedCache<K, V> {
  readonly #map = new Map<K, V>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#map.size;
  }

  get(key: K): V | undefined {
    return this.#map.get(key);
  }

  has(key: K): boolean {
    return this.#map.has(key);
  }

  /** Stores `value`; returns the entry forgotten to make room, if any. */
  set(key: K, value: V): [K, V] | undefined {
    const map = this.#map;
    // Re-inserted, so the entry counts as the newest.
    if (map.has(key)) map.delete(key);
    map.set(key, value);
    if (map.size <= this.#capacity) return undefined;
    const oldest = map.keys().next().value as K;
    const forgotten = map.get(oldest) as V;
    map.delete(oldest);
    return [oldest, forgotten];
  }

  delete(key: K): void {
    this.#map.delete(key);
  }
}
