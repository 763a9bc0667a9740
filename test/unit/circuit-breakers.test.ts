import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ErrorCode, ParleyError } from "../../src/errors/parley-error.js";
import { CircuitBreakers, type CircuitChange } from "../../src/outbound/circuit-breakers.js";
import {
  type CircuitBreakerOptions,
  resolveCircuitBreakerOptions,
} from "../../src/outbound/fault-policies.js";

const failure = (code: ErrorCode = ErrorCode.timeout) => new ParleyError(code, "failed");

function breakers(options: CircuitBreakerOptions): {
  breakers: CircuitBreakers;
  changes: string[];
} {
  const changes: string[] = [];
  const made = new CircuitBreakers(resolveCircuitBreakerOptions(options), (c: CircuitChange) =>
    changes.push(`${c.agent}:${c.state}`),
  );
  return { breakers: made, changes };
}

describe("circuit breakers", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("opens after failures in a row; a success in between starts the count again", () => {
    const { breakers: b, changes } = breakers({ failureThreshold: 3 });
    b.record("x", failure());
    b.record("x", failure());
    b.record("x", undefined);
    b.record("x", failure());
    b.record("x", failure());
    expect(b.admit("x")).toBeUndefined();
    b.record("x", failure(ErrorCode.overloaded));
    expect(changes).toEqual(["x:open"]);
    expect(b.admit("x")?.code).toBe(ErrorCode.circuit_open);
    expect(b.admit("y")).toBeUndefined();
  });

  it("counts only failure codes against a target; an application error shows it is alive", () => {
    const { breakers: b, changes } = breakers({ failureThreshold: 2 });
    b.record("x", failure());
    b.record("x", failure(ErrorCode.handler_failed));
    b.record("x", failure());
    expect(changes).toEqual([]);
  });

  it("opens on a failure rate over the window", () => {
    const { breakers: b, changes } = breakers({
      failureThreshold: 100,
      failureRate: 0.5,
      window: 4,
    });
    b.record("x", failure());
    b.record("x", undefined);
    b.record("x", failure());
    expect(changes).toEqual([]);
    b.record("x", undefined);
    expect(changes).toEqual(["x:open"]);
  });

  it("lets one probe through when half-open: its failure opens again, its success closes", () => {
    const { breakers: b, changes } = breakers({ failureThreshold: 1, openMs: 1000 });
    b.record("x", failure());
    vi.advanceTimersByTime(999);
    expect(b.admit("x")?.code).toBe(ErrorCode.circuit_open);
    vi.advanceTimersByTime(1);
    expect(b.admit("x")).toBeUndefined();
    expect(b.refuses("x")).toBe(true);
    expect(b.admit("x")?.message).toMatch(/while its probe is out/);
    b.record("x", failure());
    expect(b.admit("x")?.code).toBe(ErrorCode.circuit_open);
    vi.advanceTimersByTime(1000);
    expect(b.admit("x")).toBeUndefined();
    b.record("x", undefined);
    expect(b.admit("x")).toBeUndefined();
    expect(changes).toEqual(["x:open", "x:half_open", "x:open", "x:half_open", "x:closed"]);
  });

  it("lets another probe go when one was cancelled (it said nothing about the target)", () => {
    const { breakers: b } = breakers({ failureThreshold: 1, openMs: 10 });
    b.record("x", failure());
    vi.advanceTimersByTime(10);
    expect(b.admit("x")).toBeUndefined();
    b.record("x", failure(ErrorCode.cancelled));
    expect(b.admit("x")).toBeUndefined();
  });

  it("refuses bad options with a clear error", () => {
    expect(() => resolveCircuitBreakerOptions({ failureRate: 2 })).toThrow(/failureRate/);
    expect(() => resolveCircuitBreakerOptions({ failureThreshold: 0 })).toThrow(/failureThreshold/);
  });
});
