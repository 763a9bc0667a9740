import { describe, expect, it } from "vitest";
import { assertValidAddress } from "../../transports/address-pattern.js";
import { subjectToAddress } from "../../transports/nats/nats-subject.js";
import { memoizeByString } from "../../transports/string-memo.js";

describe("per-message mappings remembered by transports", () => {
  it("computes each key once while it is remembered, including an undefined result", () => {
    const computed: string[] = [];
    const lookup = memoizeByString((key) => {
      computed.push(key);
      return key === "bad" ? undefined : key.toUpperCase();
    });
    expect([lookup("a"), lookup("a"), lookup("bad"), lookup("bad")]).toEqual([
      "A",
      "A",
      undefined,
      undefined,
    ]);
    expect(computed).toEqual(["a", "bad"]);
  });

  it("stays bounded: past its capacity it forgets and computes again, with the same answers", () => {
    const computed: string[] = [];
    const lookup = memoizeByString((key) => {
      computed.push(key);
      return key.length;
    }, 3);
    for (const key of ["a", "bb", "ccc", "dddd", "a"]) lookup(key);
    // "dddd" started a fresh cache, so "a" was computed again.
    expect(computed).toEqual(["a", "bb", "ccc", "dddd", "a"]);
    expect(lookup("dddd")).toBe(4);
    expect(computed).toHaveLength(5);
  });

  it("still refuses a bad address and a foreign subject the second time they come", () => {
    for (let i = 0; i < 2; i++) {
      expect(() => assertValidAddress("a2a/+/request")).toThrow(/invalid address/);
      expect(subjectToAddress("a2a.bad%2eescape.request")).toBeUndefined();
      expect(subjectToAddress("a2a.my%2Eagent.request")).toBe("a2a/my.agent/request");
    }
  });
});
