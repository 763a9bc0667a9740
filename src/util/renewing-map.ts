/**
 * A Map for keys that come and go all the time (requests waiting for their response, requests
 * being handled, frames waiting for their ack), whose storage is renewed every `renewEvery`
 * insertions: the live entries move into a fresh Map.
 *
 * Why: when a V8 Map's table is rebuilt (it fills up with deleted entries, or shrinks), the old
 * table keeps a pointer to the new one, and its old entries. Once one table of a busy Map has
 * moved to the old generation (the Map stood still for a while, at start-up), each later table is
 * kept alive by the one before it at every young-generation GC, moved to the old generation in
 * turn, and with it every request, envelope and promise its entries pointed to: a chain that only
 * a full GC ends, and that restarts after it. A fresh Map starts a chain that no old table
 * points to.
 */
export class RenewingMap<K, V> {
  #map = new Map<K, V>();
  #inserted = 0;
  readonly #renewEvery: number;

  constructor(renewEvery = 1024) {
    this.#renewEvery = renewEvery;
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

  set(key: K, value: V): void {
    if (++this.#inserted >= this.#renewEvery) {
      this.#inserted = 0;
      this.#map = new Map(this.#map);
    }
    this.#map.set(key, value);
  }

  delete(key: K): boolean {
    return this.#map.delete(key);
  }

  clear(): void {
    this.#map = new Map();
  }

  keys(): IterableIterator<K> {
    return this.#map.keys();
  }

  values(): IterableIterator<V> {
    return this.#map.values();
  }

  /** The entries in insertion order (of the Map as it is now: a renewal replaces it). */
  entries(): IterableIterator<[K, V]> {
    return this.#map.entries();
  }
}
