/**
 * Remembers the results of a pure function of a string, for the per-message mappings transports
 * make (address to subject and back, address checks): a Map lookup instead of regexps on every
 * message. Bounded: after `capacity` distinct keys it starts over, so a stream of distinct
 * addresses costs memory once, never without limit.
 */
export function memoizeByString<V>(
  compute: (key: string) => V,
  capacity = 1024,
): (key: string) => V {
  let cache = new Map<string, V>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as V;
    const value = compute(key);
    if (cache.size >= capacity) cache = new Map();
    cache.set(key, value);
    return value;
  };
}
