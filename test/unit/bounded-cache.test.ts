import { describe, expect, it } from "vitest";
import { BoundedCache } from "../../src/bounded-cache.js";

describe("bounded caches (replies, replay ids, rate buckets)", () => {
  it("forgets the oldest entry beyond its capacity and says which", () => {
    const cache = new BoundedCache<string, number>(3);
    expect([cache.set("a", 1), cache.set("b", 2), cache.set("c", 3)]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(cache.set("d", 4)).toEqual(["a", 1]);
    expect([cache.has("a"), cache.get("b"), cache.get("d"), cache.size]).toEqual([false, 2, 4, 3]);
  });

  it("counts a key set again as the newest, and skips deleted ones when forgetting", () => {
    const cache = new BoundedCache<string, number>(3);
    cache.set("a", 1);
    cache.set("b", 2);
    cache.set("c", 3);
    cache.set("a", 10);
    expect(cache.set("d", 4)).toEqual(["b", 2]);
    cache.delete("c");
    expect(cache.set("e", 5)).toBeUndefined();
    expect(cache.set("f", 6)).toEqual(["a", 10]);
    expect(["d", "e", "f"].map((k) => cache.get(k))).toEqual([4, 5, 6]);
  });

  it("keeps its order exact through long runs of one key set again and again", () => {
    const cache = new BoundedCache<string, number>(4);
    for (const k of ["w", "x", "y"]) cache.set(k, 0);
    for (let i = 0; i < 10_000; i++) cache.set("hot", i);
    cache.set("x", 1);
    // Oldest first: w, y, hot, x. Two more entries push out w, then y.
    expect(cache.set("n1", 0)).toEqual(["w", 0]);
    expect(cache.set("n2", 0)).toEqual(["y", 0]);
    expect(cache.get("hot")).toBe(9_999);
    expect(cache.set("n3", 0)).toEqual(["hot", 9_999]);
    expect(cache.size).toBe(4);
  });

  it("stays exact over many evictions", () => {
    const cache = new BoundedCache<number, number>(100);
    const forgotten: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      const gone = cache.set(i, i);
      if (gone) forgotten.push(gone[0]);
    }
    expect(forgotten).toHaveLength(49_900);
    expect(forgotten.every((k, i) => k === i)).toBe(true);
    expect(cache.has(49_899)).toBe(false);
    expect(cache.has(49_900)).toBe(true);
  });
});
