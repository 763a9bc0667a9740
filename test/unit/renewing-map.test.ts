import { describe, expect, it } from "vitest";
import { RenewingMap } from "../../src/util/renewing-map.js";

describe("renewing maps (pending requests, requests in flight, acks)", () => {
  it("keeps every live entry, its value and its order across renewals, and forgets deleted ones", () => {
    const map = new RenewingMap<string, number>(3);
    const live = new Map<string, number>();
    for (let i = 0; i < 50; i++) {
      map.set(`k${i}`, i);
      live.set(`k${i}`, i);
      if (i % 3 === 0) {
        expect(map.delete(`k${i - 1}`)).toBe(live.delete(`k${i - 1}`));
      }
    }
    expect(map.size).toBe(live.size);
    expect([...map.keys()]).toEqual([...live.keys()]);
    expect([...map.values()]).toEqual([...live.values()]);
    expect([map.get("k49"), map.has("k47"), map.has("k48"), map.get("k0")]).toEqual([
      49,
      false,
      true,
      0,
    ]);
    map.set("k0", 100); // set again: the value changes, no new entry
    expect([map.get("k0"), map.size]).toEqual([100, live.size]);
    map.clear();
    expect([map.size, map.has("k49"), [...map.keys()]]).toEqual([0, false, []]);
  });
});
