import { describe, expect, it } from "vitest";
import type { AgentInfo } from "../../src/index.js";
import { orderCandidates } from "../../src/outbound/delegation.js";

const agent = (id: string, load?: number, latencyMs?: number): AgentInfo => ({
  id,
  name: id,
  version: undefined,
  description: undefined,
  capabilities: [],
  requestTypes: [],
  contracts: {},
  contractVersions: {},
  pools: [],
  status: "online",
  lastSeen: 0,
  load,
  heartbeatIntervalMs: undefined,
  offlineReason: undefined,
  latencyMs,
  requestsSurviveAbsence: false,
  instanceId: undefined,
});

describe("delegation strategies", () => {
  const agents = [agent("a", 0.5, 30), agent("b", 0, 10), agent("c", 0, undefined)];
  it("round robin rotates the start each turn", () => {
    expect(orderCandidates("round_robin", agents, 0).map((a) => a.id)).toEqual(["a", "b", "c"]);
    expect(orderCandidates("round_robin", agents, 1).map((a) => a.id)).toEqual(["b", "c", "a"]);
  });
  it("least loaded puts the idlest first, rotating among equals", () => {
    expect(orderCandidates("least_loaded", agents, 0).map((a) => a.id)).toEqual(["b", "c", "a"]);
    expect(orderCandidates("least_loaded", agents, 2).map((a) => a.id)).toEqual(["c", "b", "a"]);
  });
  it("lowest latency tries unmeasured agents first, then the fastest", () => {
    expect(orderCandidates("lowest_latency", agents, 0).map((a) => a.id)).toEqual(["c", "b", "a"]);
  });
});
