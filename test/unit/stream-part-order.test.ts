import { afterEach, describe, expect, it, vi } from "vitest";
import { GAP_WAIT_MS, MAX_EARLY_PARTS, StreamPartOrder } from "../../src/stream-part-order.js";

afterEach(() => {
  vi.useRealTimers();
});

function ordered(): { order: StreamPartOrder<string>; passed: [number, string][] } {
  const passed: [number, string][] = [];
  return { order: new StreamPartOrder<string>((seq, data) => passed.push([seq, data])), passed };
}

describe("stream part order", () => {
  it("passes parts on in seq order, an early one once the gap before it is filled", () => {
    const { order, passed } = ordered();
    expect(order.add(2, "c")).toBe(true);
    expect(order.add(1, "b")).toBe(true);
    expect(passed).toEqual([]);
    order.add(0, "a");
    expect(passed).toEqual([
      [0, "a"],
      [1, "b"],
      [2, "c"],
    ]);
  });

  it("drops a repeat and a part older than one passed on", () => {
    const { order, passed } = ordered();
    order.add(0, "a");
    expect(order.add(0, "a again")).toBe(false);
    order.add(2, "c");
    expect(order.add(2, "c again")).toBe(false);
    expect(order.add(-1, "negative")).toBe(false);
    expect(order.add(1.5, "fraction")).toBe(false);
    expect(passed).toEqual([[0, "a"]]);
  });

  it("passes on what waits behind a gap when the stream ends, in order", () => {
    const { order, passed } = ordered();
    order.add(0, "a");
    order.add(5, "f");
    order.add(3, "d");
    order.flush();
    expect(passed).toEqual([
      [0, "a"],
      [3, "d"],
      [5, "f"],
    ]);
    expect(order.add(4, "e, too late")).toBe(false);
  });

  it("gives up on a gap once too many parts wait behind it", () => {
    const { order, passed } = ordered();
    for (let seq = 1; seq <= MAX_EARLY_PARTS; seq++) order.add(seq, `p${seq}`);
    expect(passed).toEqual([]);
    order.add(MAX_EARLY_PARTS + 1, "one more");
    expect(passed).toHaveLength(MAX_EARLY_PARTS + 1);
    expect(passed[0]).toEqual([1, "p1"]);
    expect(order.add(0, "the lost one")).toBe(false);
  });

  it("waits for a gap at most GAP_WAIT_MS, so a lost part does not freeze a live stream", () => {
    vi.useFakeTimers();
    const { order, passed } = ordered();
    order.add(0, "a");
    order.add(2, "c");
    order.add(4, "e");
    vi.advanceTimersByTime(GAP_WAIT_MS - 1);
    expect(passed.map(([seq]) => seq)).toEqual([0]);
    vi.advanceTimersByTime(1);
    expect(passed.map(([seq]) => seq)).toEqual([0, 2]);
    // The second gap gets its own wait.
    vi.advanceTimersByTime(GAP_WAIT_MS);
    expect(passed.map(([seq]) => seq)).toEqual([0, 2, 4]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("leaves no timer once a gap is filled, or once the stream ended", () => {
    vi.useFakeTimers();
    const { order } = ordered();
    order.add(1, "b");
    expect(vi.getTimerCount()).toBe(1);
    order.add(0, "a");
    expect(vi.getTimerCount()).toBe(0);
    order.add(3, "d");
    order.flush();
    expect(vi.getTimerCount()).toBe(0);
  });
});
