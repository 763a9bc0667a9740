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
    this.#map.delete(key);
    this.#map.set(key, value);
    if (this.#map.size <= this.#capacity) return undefined;
    const oldest = this.#map.entries().next();
    if (oldest.done) return undefined;
    this.#map.delete(oldest.value[0]);
    return oldest.value;
  }

  delete(key: K): void {
    this.#map.delete(key);
  }
}
