import { describe, expect, it } from "vitest";
import { backoffDelay, resolveRetryOptions } from "../../src/outbound/fault-policies.js";

describe("retry options", () => {
  it("fills in the defaults and refuses bad values with a clear error", () => {
    expect(resolveRetryOptions({})).toMatchObject({
      attempts: 3,
      initialDelayMs: 100,
      maxDelayMs: 2000,
      attemptTimeoutMs: undefined,
      retryOn: new Set(["timeout", "unavailable", "overloaded"]),
    });
    expect(() => resolveRetryOptions({ attempts: 0 })).toThrow(/retry.attempts must be/);
    expect(() => resolveRetryOptions({ attempts: 1.5 })).toThrow(/integer/);
    expect(() => resolveRetryOptions({ initialDelayMs: 50, maxDelayMs: 10 })).toThrow(/maxDelayMs/);
    expect(() => resolveRetryOptions({ attemptTimeoutMs: 0 })).toThrow(/attemptTimeoutMs/);
  });

  it("backs off exponentially up to the cap, each delay a random share of its ceiling", () => {
    const retry = resolveRetryOptions({ initialDelayMs: 100, maxDelayMs: 1000 });
    for (let i = 0; i < 200; i++) {
      for (const [attempt, ceiling] of [
        [1, 100],
        [2, 200],
        [3, 400],
        [5, 1000],
        [30, 1000],
      ] as const) {
        const delay = backoffDelay(retry, attempt);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(ceiling);
      }
    }
  });
});
