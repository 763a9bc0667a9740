import { describe, expect, it } from "vitest";
import {
  assertValidAddress,
  assertValidPattern,
  matchesPattern,
} from "../../transports/address-pattern.js";

describe("MQTT-style address patterns", () => {
  it.each([
    ["a2a/+/request", "a2a/bob/request", true],
    ["a2a/+/request", "a2a/bob/response", false],
    ["a2a/+/request", "a2a/bob/request/x", false],
    ["a2a/#", "a2a", true],
    ["a2a/#", "a2a/x/y/z", true],
    ["#", "anything/at/all", true],
    ["a2a/broadcast/+", "a2a/broadcast/heartbeat", true],
    ["a2a/alice/+", "a2a/alice.x/request", false],
  ])("%s matches %s: %s", (pattern, address, expected) => {
    expect(matchesPattern(pattern, address)).toBe(expected);
  });

  it("refuses misplaced wildcards and wildcard addresses", () => {
    expect(() => assertValidPattern("a/#/b")).toThrow(/must be the last level/);
    expect(() => assertValidPattern("a/b+/c")).toThrow(/whole level/);
    expect(() => assertValidAddress("a2a/+/request")).toThrow(/invalid address/);
    expect(() => assertValidAddress("a2a//request")).toThrow(/invalid address/);
  });
});
