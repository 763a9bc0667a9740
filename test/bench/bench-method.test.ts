/**
 * The bench's method (no timings): which scenarios run side by side, and how a ratio is taken
 * from rounds. A wrong grouping or a ratio of medians would put figures in docs/performance.md
 * that compare rows measured at different moments.
 */
import { describe, expect, it } from "vitest";
import type { LoadResult } from "../../bench/measure.js";
import { reportRows } from "../../bench/report-rows.js";
import { comparedGroups, joinWindows } from "../../bench/run-group.js";
import { type Scenario, scenarios } from "../../bench/scenarios.js";

function result(reqPerSec: number, p50Us = 100): LoadResult {
  return { inFlight: 100, requests: reqPerSec, seconds: 1, reqPerSec, p50Us, p99Us: p50Us };
}

const pair: Scenario[] = [
  {
    id: "p",
    label: "parley",
    family: "parley",
    transport: "T",
    stack: "parley",
    params: {},
    rawPeer: "r",
  },
  { id: "r", label: "raw", family: "raw", transport: "T", stack: "rawMqtt", params: {} },
];

describe("the bench's ratios", () => {
  it("are the median of ratios taken within each round, not a ratio of medians", () => {
    const runs = new Map([
      ["p", [[result(100)], [result(90)], [result(300)]]],
      ["r", [[result(200)], [result(100)], [result(200)]]],
    ]);
    const [parley] = reportRows(pair, [100], runs);
    // Per round 0.5, 0.9 and 1.5; the medians' ratio would be 100 / 200.
    expect(parley?.ratioToRaw).toBe(0.9);
    expect(parley?.reqPerSec).toBe(100);
  });

  it("leave out a round in which either side failed", () => {
    const runs = new Map<string, (LoadResult[] | undefined)[]>([
      ["p", [[result(100, 150)], undefined, [result(300, 130)]]],
      ["r", [[result(200, 100)], [result(1)], undefined]],
    ]);
    const [parley] = reportRows(pair, [100], runs);
    expect(parley?.ratioToRaw).toBe(0.5);
    expect(parley?.p50MinusRawUs).toBe(50);
    expect(parley?.rounds).toBe(2);
  });
});

describe("the bench's groups", () => {
  const groups = comparedGroups(scenarios);
  const groupOf = (id: string | undefined) => groups.findIndex((g) => g.some((s) => s.id === id));

  it("hold every scenario exactly once", () => {
    const ids = groups.flat().map((s) => s.id);
    expect(ids.sort()).toEqual(scenarios.map((s) => s.id).sort());
  });

  it("put each scenario beside every row its ratios divide by, and beside its transport's rows", () => {
    for (const s of scenarios) {
      for (const peer of [s.rawPeer, s.moleculerPeer, s.baselinePeer, s.floorPeer])
        if (peer !== undefined) expect([s.id, groupOf(peer)]).toEqual([s.id, groupOf(s.id)]);
      const sameTransport = scenarios.filter((o) => o.transport === s.transport);
      for (const o of sameTransport) expect([o.id, groupOf(o.id)]).toEqual([o.id, groupOf(s.id)]);
    }
    // Not one group for everything: unrelated transports take turns only with their own.
    expect(groups.length).toBeGreaterThan(4);
  });
});

describe("a level's windows", () => {
  it("join as all their requests over all their time", () => {
    const joined = joinWindows([
      { inFlight: 10, requests: 100, seconds: 0.5, reqPerSec: 200, p50Us: 50, p99Us: 90 },
      { inFlight: 10, requests: 300, seconds: 0.5, reqPerSec: 600, p50Us: 40, p99Us: 80 },
      { inFlight: 10, requests: 200, seconds: 0.5, reqPerSec: 400, p50Us: 60, p99Us: 70 },
    ]);
    expect(joined.requests).toBe(600);
    expect(joined.reqPerSec).toBeCloseTo(400);
    expect(joined.p50Us).toBe(50);
  });
});
