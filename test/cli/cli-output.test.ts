/** What the CLI prints, checked in-process: directory table, traffic lines, latency, colours. */
import { describe, expect, it } from "vitest";
import { formatAgentTable, formatAgo } from "../../cli/agent-table.js";
import { colourWanted, createTerminalStyle } from "../../cli/terminal-style.js";
import { traceIdOf } from "../../cli/trace-id.js";
import { matchesFilters, TrafficDecoder } from "../../cli/traffic-event.js";
import { formatTrafficLine } from "../../cli/traffic-format.js";
import type { AgentInfo } from "../../src/index.js";
import type { InboundMessage } from "../../src/transport.js";
import { createEnvelope, encodeEnvelope, MessageType } from "../../src/transport.js";

const plain = createTerminalStyle(false);

function inbound(address: string, bytes: Uint8Array, retained = false): InboundMessage {
  return { address, bytes, metadata: {}, retained };
}

function request(correlationId: string): InboundMessage {
  const envelope = createEnvelope({
    sender_id: "boss",
    recipient_id: "worker",
    message_type: MessageType.request,
    payload: { request_type: "double", x: 1 },
    correlation_id: correlationId,
  });
  return inbound("a2a/worker/request", encodeEnvelope(envelope));
}

function response(correlationId: string, payload: Record<string, unknown> = { y: 2 }) {
  const envelope = createEnvelope({
    sender_id: "worker",
    recipient_id: "boss",
    message_type: MessageType.response,
    payload,
    correlation_id: correlationId,
  });
  return inbound("a2a/boss/response", encodeEnvelope(envelope));
}

describe("traffic", () => {
  it("times a response from its request and names the request type", () => {
    const decoder = new TrafficDecoder();
    decoder.decode(request("c0ffee00-0000-4000-8000-000000000000"), 100);
    const event = decoder.decode(response("c0ffee00-0000-4000-8000-000000000000"), 112);
    expect(event).toMatchObject({ kind: "message", type: "double", latencyMs: 12 });
    expect(formatTrafficLine(event, plain)).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} {2}worker -> boss {2}response +double {2}#c0ffee00 {2}12 ms$/,
    );
  });

  it("keeps timing through streamed parts until the final response", () => {
    const decoder = new TrafficDecoder();
    decoder.decode(request("a"), 0);
    const part = decoder.decode(response("a", { _parley_stream_part: { seq: 0, data: {} } }), 2);
    const final = decoder.decode(response("a"), 5);
    const late = decoder.decode(response("a"), 9);
    expect(part).toMatchObject({ detail: "part 0", latencyMs: 2 });
    expect(final).toMatchObject({ detail: undefined, latencyMs: 5 });
    expect(late).toMatchObject({ latencyMs: undefined });
  });

  it("remembers a bounded number of requests: the oldest are forgotten", () => {
    // Two tracked: the newest two are always known, at most four, the oldest two forgotten at once.
    const decoder = new TrafficDecoder(2);
    for (const id of ["r1", "r2", "r3", "r4", "r5"]) decoder.decode(request(id), 0);
    expect(decoder.decode(response("r1"), 1)).toMatchObject({ latencyMs: undefined });
    expect(decoder.decode(response("r2"), 1)).toMatchObject({ latencyMs: undefined });
    expect(decoder.decode(response("r3"), 1)).toMatchObject({ latencyMs: 1 });
    expect(decoder.decode(response("r5"), 1)).toMatchObject({ latencyMs: 1 });
  });

  it("shows an error reply's code", () => {
    const decoder = new TrafficDecoder();
    decoder.decode(request("e"), 0);
    const event = decoder.decode(
      response("e", { request_type: "double", error: { code: "handler_failed", message: "x" } }),
      1,
    );
    expect(formatTrafficLine(event, plain)).toContain("double  error handler_failed  #e");
  });

  it("turns bytes that are not an envelope into a malformed event, and a cleared card into a goodbye", () => {
    const decoder = new TrafficDecoder();
    const bad = decoder.decode(inbound("a2a/x/request", new Uint8Array([0xff, 0xfe])), 0);
    expect(formatTrafficLine(bad, plain)).toMatch(/malformed on a2a\/x\/request \(2 bytes\): /);
    const gone = decoder.decode(inbound("a2a/_presence/worker", new Uint8Array(0), true), 0);
    expect(formatTrafficLine(gone, plain)).toMatch(/ {2}worker presence cleared \(gone\)$/);
  });

  it("filters by agent id or type, case-insensitively, any filter matching", () => {
    const decoder = new TrafficDecoder();
    const event = decoder.decode(request("f"), 0);
    expect(matchesFilters(event, [])).toBe(true);
    expect(matchesFilters(event, ["WORK"])).toBe(true);
    expect(matchesFilters(event, ["nobody", "double"])).toBe(true);
    expect(matchesFilters(event, ["triple"])).toBe(false);
  });
});

describe("colours", () => {
  it("are on for a terminal and off for a pipe or with NO_COLOR", () => {
    expect(colourWanted({ isTTY: true }, {})).toBe(true);
    expect(colourWanted({ isTTY: false }, {})).toBe(false);
    expect(colourWanted({}, {})).toBe(false);
    expect(colourWanted({ isTTY: true }, { NO_COLOR: "1" })).toBe(false);
    expect(colourWanted({ isTTY: true }, { NO_COLOR: "" })).toBe(true);
  });

  it("colour a traffic line only when enabled", () => {
    const event = new TrafficDecoder().decode(request("g"), 0);
    expect(formatTrafficLine(event, createTerminalStyle(true))).toContain("\u001b[33mrequest");
    expect(formatTrafficLine(event, plain)).not.toContain("\u001b");
  });
});

describe("agent table", () => {
  it("says how long ago an agent was seen", () => {
    expect([0, 2_400, 59_000, 180_000, 7_200_000, 200_000_000].map(formatAgo)).toEqual([
      "now",
      "2s ago",
      "59s ago",
      "3m ago",
      "2h ago",
      "2d ago",
    ]);
  });

  it("aligns columns, shows contract versions beside request types, says why an agent is offline", () => {
    const info = (id: string, more: Partial<AgentInfo>): AgentInfo => ({
      id,
      name: id,
      version: "1.0.0",
      description: "",
      capabilities: [],
      requestTypes: [],
      contracts: {},
      contractVersions: {},
      pools: [],
      status: "online",
      lastSeen: 1_000,
      load: undefined,
      heartbeatIntervalMs: undefined,
      offlineReason: undefined,
      latencyMs: undefined,
      requestsSurviveAbsence: false,
      instanceId: undefined,
      ...more,
    });
    const table = formatAgentTable(
      [
        info("a", {
          capabilities: ["math", "search"],
          requestTypes: ["double", "translate"],
          contractVersions: { translate: "2.1.0" },
          load: 0.25,
        }),
        info("long-agent-id", { status: "offline", offlineReason: "departed", lastSeen: 0 }),
      ],
      3_000,
    );
    expect(table.split("\n")).toEqual([
      "ID             NAME           CAPABILITIES  REQUEST TYPES           STATUS              LAST SEEN  LOAD",
      "a              a              math,search   double,translate@2.1.0  online              2s ago     0.25",
      "long-agent-id  long-agent-id  -             -                       offline (departed)  3s ago     -",
    ]);
    expect(formatAgentTable([], 0)).toBe("no agents found");
  });
});

describe("the trace id parley watch shows", () => {
  const id = "4bf92f3577b34da6a3ce929d0e0e4736";
  it("is read from a valid W3C traceparent", () => {
    expect(traceIdOf({ traceparent: `00-${id}-00f067aa0ba902b7-01` })).toBe(id);
    // A later version may add fields; its first four are read the same way.
    expect(traceIdOf({ traceparent: `01-${id}-00f067aa0ba902b7-00-extra` })).toBe(id);
  });

  it("is absent for no traceparent or an invalid one", () => {
    expect(traceIdOf({})).toBeUndefined();
    for (const bad of [
      `00-${id.toUpperCase()}-00f067aa0ba902b7-01`,
      `00-${"0".repeat(32)}-00f067aa0ba902b7-01`,
      `00-${id}-${"0".repeat(16)}-01`,
      `ff-${id}-00f067aa0ba902b7-01`,
      `00-${id}-00f067aa0ba902b7-01-extra`,
      "not a traceparent",
    ])
      expect(traceIdOf({ traceparent: bad }), bad).toBeUndefined();
  });
});
