import { describe, expect, it } from "vitest";
import { BoundedCache } from "../../src/util/bounded-cache.js";

/** A cache of `capacity` that records what it forgets, in order. */
function recording(capacity: number) {
  const forgotten: [string, number][] = [];
  const cache = new BoundedCache<string, number>(capacity, (half) => {
    forgotten.push(...half);
  });
  return { cache, forgotten };
}

describe("bounded caches (replies, replay ids, rate buckets)", () => {
  it("keeps the newest `capacity` entries always, at most twice as many, and forgets the oldest half whole", () => {
    const { cache, forgotten } = recording(2);
    for (const [i, key] of ["a", "b", "c", "d"].entries()) cache.set(key, i);
    expect([cache.size, forgotten]).toEqual([4, []]);
    cache.set("e", 4);
    // "a" and "b" (the older half) went together; the newest two and the new one stay.
    expect(forgotten).toEqual([
      ["a", 0],
      ["b", 1],
    ]);
    expect(["a", "b", "c", "d", "e"].map((k) => cache.has(k))).toEqual([
      false,
      false,
      true,
      true,
      true,
    ]);
    expect([cache.get("c"), cache.get("e"), cache.get("a"), cache.size]).toEqual([
      2,
      4,
      undefined,
      3,
    ]);
  });

  it("counts a key set again as new, and forgets nothing that was deleted", () => {
    const { cache, forgotten } = recording(2);
    cache.set("a", 1);
    cache.set("b", 2);
    cache.set("c", 3); // a and b are the older half now
    cache.set("a", 10); // a moves into the newer half
    cache.set("d", 4); // the newer half (c, a) is full: b is forgotten, not a
    expect(forgotten).toEqual([["b", 2]]);
    expect([cache.get("a"), cache.get("c"), cache.get("d")]).toEqual([10, 3, 4]);
    cache.delete("c");
    cache.delete("a");
    expect([cache.has("a"), cache.has("c"), cache.size]).toEqual([false, false, 1]);
    cache.set("e", 5);
    cache.set("f", 6);
    expect(forgotten.map(([k]) => k)).toEqual(["b"]);
    expect(["d", "e", "f"].map((k) => cache.get(k))).toEqual([4, 5, 6]);
  });

  it("does not report as forgotten a key set again just as its half is forgotten", () => {
    const { cache, forgotten } = recording(2);
    for (const key of ["a", "b", "c", "d"]) cache.set(key, 0);
    // The older half (a, b) goes now; a is set again at that moment and stays.
    cache.set("a", 1);
    expect(forgotten).toEqual([["b", 0]]);
    expect([cache.get("a"), cache.has("b"), cache.get("c"), cache.get("d")]).toEqual([
      1,
      false,
      0,
      0,
    ]);
  });

  it("keeps a key set again and again without pushing the others out early", () => {
    const { cache } = recording(2);
    for (const k of ["w", "x"]) cache.set(k, 0);
    for (let i = 0; i < 10_000; i++) cache.set("hot", i);
    expect([cache.get("w"), cache.get("x"), cache.get("hot"), cache.size]).toEqual([
      0, 0, 9_999, 3,
    ]);
  });

  it("over many entries keeps between `capacity` and twice as many, the newest always, and forgets each key once, oldest first", () => {
    const forgotten: number[] = [];
    const cache = new BoundedCache<number, number>(100, (half) => {
      forgotten.push(...half.keys());
    });
    let largest = 0;
    for (let i = 0; i < 50_000; i++) {
      cache.set(i, i);
      largest = Math.max(largest, cache.size);
    }
    expect(largest).toBe(200);
    expect(forgotten.every((k, i) => k === i)).toBe(true);
    expect(forgotten.length + cache.size).toBe(50_000);
    for (let i = 50_000 - 100; i < 50_000; i++) expect(cache.get(i)).toBe(i);
    expect(cache.has(forgotten.at(-1) as number)).toBe(false);
  });

  it("with a capacity of 1 keeps the newest entry and at most one more", () => {
    const { cache, forgotten } = recording(1);
    cache.set("a", 1);
    cache.set("b", 2);
    expect([cache.get("a"), cache.get("b"), forgotten]).toEqual([1, 2, []]);
    cache.set("c", 3);
    expect([cache.has("a"), cache.get("b"), cache.get("c"), cache.size]).toEqual([false, 2, 3, 2]);
    expect(forgotten).toEqual([["a", 1]]);
  });

  it("with a budget, never weighs more than it, forgetting the older half early, and keeps no entry heavier than half", () => {
    const forgotten: string[] = [];
    const cache = new BoundedCache<string, string>(100, (half) => forgotten.push(...half.keys()), {
      max: 10,
      weigh: (value) => value.length,
    });
    for (const key of ["a", "b", "c", "d", "e"]) cache.set(key, "xx");
    // Halves of at most 5: "a" and "b" (4) went over when "c" came, then were forgotten with "e".
    expect([forgotten, cache.size, cache.weight]).toEqual([["a", "b"], 3, 6]);
    cache.set("big", "x".repeat(6));
    expect([cache.has("big"), cache.weight]).toEqual([false, 6]);
    cache.set("c", "x"); // set again, lighter
    expect([cache.get("c"), cache.weight]).toEqual(["x", 5]);
    cache.delete("d");
    expect([cache.has("d"), cache.weight]).toEqual([false, 3]);
  });
});
