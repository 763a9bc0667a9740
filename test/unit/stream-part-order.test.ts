import { afterEach, describe, expect, it, vi } from "vitest";
import {
  GAP_WAIT_MS,
  type LostParts,
  MAX_EARLY_PARTS,
  StreamPartOrder,
} from "../../src/outbound/stream-part-order.js";

afterEach(() => {
  vi.useRealTimers();
});

function ordered(): {
  order: StreamPartOrder<string>;
  passed: [number, string][];
  lost: LostParts[];
  done: () => number;
  finish: () => void;
} {
  const passed: [number, string][] = [];
  const lost: LostParts[] = [];
  let finished = 0;
  return {
    order: new StreamPartOrder<string>(
      (seq, data) => passed.push([seq, data]),
      (l) => lost.push(l),
    ),
    passed,
    lost,
    done: () => finished,
    finish: () => {
      finished++;
    },
  };
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

  it("finishes at the end once every counted part is in", () => {
    const { order, passed, lost, done, finish } = ordered();
    order.add(0, "a");
    order.add(1, "b");
    order.end(2, finish);
    expect(done()).toBe(1);
    expect(passed).toHaveLength(2);
    expect(lost).toEqual([]);
    expect(order.add(2, "past the end")).toBe(false);
  });

  it("waits at the end for a part still on its way, then finishes with it", () => {
    vi.useFakeTimers();
    const { order, passed, lost, done, finish } = ordered();
    order.add(0, "a");
    order.add(2, "c");
    order.end(4, finish);
    expect(done()).toBe(0);
    order.add(1, "b");
    expect(done()).toBe(0);
    vi.advanceTimersByTime(GAP_WAIT_MS - 1);
    order.add(3, "d, resent after the response");
    expect(done()).toBe(1);
    expect(passed.map(([seq]) => seq)).toEqual([0, 1, 2, 3]);
    expect(lost).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("reports the last parts lost when the end counts more than came", () => {
    vi.useFakeTimers();
    const { order, lost, done, finish } = ordered();
    order.add(0, "a");
    order.end(3, finish);
    vi.advanceTimersByTime(GAP_WAIT_MS);
    expect(done()).toBe(0);
    expect(lost).toEqual([{ missing: [1, 2], missingCount: 2, received: 1, total: 3 }]);
    expect(order.add(1, "too late")).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("reports a gap lost once it was waited for GAP_WAIT_MS, and passes nothing behind it", () => {
    vi.useFakeTimers();
    const { order, passed, lost } = ordered();
    order.add(0, "a");
    order.add(2, "c");
    order.add(4, "e");
    vi.advanceTimersByTime(GAP_WAIT_MS - 1);
    expect(lost).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(lost).toEqual([{ missing: [1, 3], missingCount: 2, received: 3, total: undefined }]);
    expect(passed.map(([seq]) => seq)).toEqual([0]);
    expect(order.add(1, "too late")).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("reports a gap lost at once when too many parts wait behind it, and only once", () => {
    vi.useFakeTimers();
    const { order, passed, lost } = ordered();
    for (let seq = 1; seq <= MAX_EARLY_PARTS; seq++) order.add(seq, `p${seq}`);
    expect(lost).toEqual([]);
    order.add(MAX_EARLY_PARTS + 1, "one more");
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ missing: [0], missingCount: 1 });
    expect(passed).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(GAP_WAIT_MS * 2);
    expect(lost).toHaveLength(1);
  });

  it("gives a gap a full wait again whenever a part is passed on", () => {
    vi.useFakeTimers();
    const { order, passed, lost } = ordered();
    order.add(0, "a");
    order.add(2, "c");
    vi.advanceTimersByTime(GAP_WAIT_MS - 20);
    order.add(4, "e");
    vi.advanceTimersByTime(10);
    order.add(1, "b, filling the first gap");
    expect(passed.map(([seq]) => seq)).toEqual([0, 1, 2]);
    // The second gap (3) opened 10 ms ago; it is not cut short by the first one's wait.
    vi.advanceTimersByTime(GAP_WAIT_MS - 1);
    expect(lost).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(lost).toEqual([{ missing: [3], missingCount: 1, received: 4, total: undefined }]);
  });

  it("waits for every part a seq shows, when the count says fewer", () => {
    const { order, passed, lost, done, finish } = ordered();
    order.add(0, "a");
    order.add(3, "d");
    order.end(2, finish);
    expect(done()).toBe(0);
    expect(order.add(5, "beyond what was seen and counted")).toBe(false);
    order.add(1, "b");
    order.add(2, "c");
    expect(done()).toBe(1);
    expect(passed.map(([seq]) => seq)).toEqual([0, 1, 2, 3]);
    expect(lost).toEqual([]);
  });

  it("takes a count that is no whole number of parts for no count, and a second end for none", () => {
    for (const total of [-1, 1.5, Number.NaN]) {
      const { order, done, finish } = ordered();
      order.add(0, "a");
      order.end(total, finish);
      expect(done()).toBe(1);
    }
    const { order, done, finish } = ordered();
    order.add(1, "b");
    order.end(undefined, finish);
    order.end(1, finish);
    order.add(0, "a");
    expect(done()).toBe(1);
  });

  it("without a part count (an older responder), finishes once no gap is left", () => {
    vi.useFakeTimers();
    const { order, lost, done, finish } = ordered();
    order.add(1, "b");
    order.end(undefined, finish);
    expect(done()).toBe(0);
    order.add(0, "a");
    expect(done()).toBe(1);
    expect(lost).toEqual([]);
  });

  it("does not give a part up while the caller's own connection is down, and waits again once back", () => {
    vi.useFakeTimers();
    let connected = true;
    const lost: LostParts[] = [];
    const passed: number[] = [];
    const order = new StreamPartOrder<string>(
      (seq) => passed.push(seq),
      (l) => lost.push(l),
      () => connected,
    );
    order.add(0, "a");
    order.add(2, "c");
    connected = false;
    vi.advanceTimersByTime(GAP_WAIT_MS * 5);
    expect(lost).toEqual([]);
    connected = true;
    vi.advanceTimersByTime(GAP_WAIT_MS / 2);
    order.restartWait();
    vi.advanceTimersByTime(GAP_WAIT_MS - 1);
    expect(lost).toEqual([]);
    order.add(1, "b, resent after the reconnect");
    expect(passed).toEqual([0, 1, 2]);
    order.add(4, "e");
    vi.advanceTimersByTime(GAP_WAIT_MS);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.missing).toEqual([3]);
  });

  it("leaves no timer once a gap is filled, or once the stream is closed", () => {
    vi.useFakeTimers();
    const { order, lost } = ordered();
    order.add(1, "b");
    expect(vi.getTimerCount()).toBe(1);
    order.add(0, "a");
    expect(vi.getTimerCount()).toBe(0);
    order.add(3, "d");
    order.close();
    expect(vi.getTimerCount()).toBe(0);
    expect(order.add(2, "after close")).toBe(false);
    vi.advanceTimersByTime(GAP_WAIT_MS * 2);
    expect(lost).toEqual([]);
  });
});
