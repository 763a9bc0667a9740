/**
 * A Map that forgets its oldest entries beyond `capacity`: memory stays bounded whatever arrives.
 * "Oldest" is by the last `set`: setting a key again makes it the newest.
 *
 * The order is kept in a queue of keys beside the map, not read off the Map itself: a V8 Map
 * keeps the slots of deleted entries until it grows again, and finding its first live entry
 * (`keys().next()`) walks over them, so evicting that way costs more the fuller the cache.
 */
interface Slot<V> {
  value: V;
  /** The `set` that wrote it last; queue items with another number are stale. */
  seq: number;
}

export class BoundedCache<K, V> {
  readonly #map = new Map<K, Slot<V>>();
  readonly #capacity: number;
  /** Keys in the order they were set, with that set's number; consumed from `#head`. */
  #keys: K[] = [];
  #seqs: number[] = [];
  #head = 0;
  #seq = 0;

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
    const seq = this.#seq++;
    const slot = this.#map.get(key);
    if (slot) {
      slot.value = value;
      slot.seq = seq;
    } else this.#map.set(key, { value, seq });
    this.#keys.push(key);
    this.#seqs.push(seq);
    let forgotten: [K, V] | undefined;
    while (this.#map.size > this.#capacity) {
      const oldest = this.#keys[this.#head] as K;
      const oldestSeq = this.#seqs[this.#head];
      this.#head++;
      const live = this.#map.get(oldest);
      if (live?.seq !== oldestSeq) continue; // set again or deleted since
      this.#map.delete(oldest);
      forgotten = [oldest, (live as Slot<V>).value];
    }
    this.#compact();
    return forgotten;
  }

  delete(key: K): void {
    this.#map.delete(key);
  }

  /** Keeps the queue within a small multiple of the capacity. */
  #compact(): void {
    const queued = this.#keys.length - this.#head;
    if (queued > 2 * this.#capacity + 64) {
      // Mostly stale (keys set again and again): rebuild it from the live entries.
      const live = [...this.#map].sort((a, b) => a[1].seq - b[1].seq);
      this.#keys = live.map(([key]) => key);
      this.#seqs = live.map(([, slot]) => slot.seq);
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#keys.length) {
      this.#keys = this.#keys.slice(this.#head);
      this.#seqs = this.#seqs.slice(this.#head);
      this.#head = 0;
    }
  }
}
