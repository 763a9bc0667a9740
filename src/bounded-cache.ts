/**
 * A Map that forgets its oldest entries beyond `capacity`: memory stays bounded whatever arrives.
 * "Oldest" is by the last `set`: setting a key again makes it the newest.
 *
 * The order is a doubly linked list through the entries themselves: O(1) set, delete and
 * eviction, one allocation per new key and none for a key set again. (Reading the order off the
 * Map itself, `keys().next()`, walks over the slots V8 keeps for deleted entries, so evicting that
 * way costs more the fuller the cache.)
 */
class Entry<K, V> {
  older: Entry<K, V> | undefined = undefined;
  newer: Entry<K, V> | undefined = undefined;
  constructor(
    readonly key: K,
    public value: V,
  ) {}
}

export class BoundedCache<K, V> {
  readonly #map = new Map<K, Entry<K, V>>();
  readonly #capacity: number;
  #oldest: Entry<K, V> | undefined = undefined;
  #newest: Entry<K, V> | undefined = undefined;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#map.size;
  }

  get(key: K): V | undefined {
    return this.#map.get(key)?.value;
  }

  has(key: K): boolean {
    return this.#map.has(key);
  }

  /** Stores `value`; returns the entry forgotten to make room, if any. */
  set(key: K, value: V): [K, V] | undefined {
    const known = this.#map.get(key);
    if (known) {
      known.value = value;
      if (known !== this.#newest) {
        this.#unlink(known);
        this.#append(known);
      }
      return undefined;
    }
    const entry = new Entry(key, value);
    this.#map.set(key, entry);
    this.#append(entry);
    if (this.#map.size <= this.#capacity) return undefined;
    const oldest = this.#oldest as Entry<K, V>;
    this.#unlink(oldest);
    this.#map.delete(oldest.key);
    return [oldest.key, oldest.value];
  }

  delete(key: K): void {
    const entry = this.#map.get(key);
    if (!entry) return;
    this.#unlink(entry);
    this.#map.delete(key);
  }

  #append(entry: Entry<K, V>): void {
    entry.older = this.#newest;
    entry.newer = undefined;
    if (this.#newest) this.#newest.newer = entry;
    else this.#oldest = entry;
    this.#newest = entry;
  }

  #unlink(entry: Entry<K, V>): void {
    if (entry.older) entry.older.newer = entry.newer;
    else this.#oldest = entry.newer;
    if (entry.newer) entry.newer.older = entry.older;
    else this.#newest = entry.older;
    entry.older = undefined;
    entry.newer = undefined;
  }
}
