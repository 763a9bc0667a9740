/**
 * What the OpenTelemetry interceptor records for each kind of call, with the real SDK over the
 * memory transport: broadcasts as producer and consumer spans, streamed parts and retries as span
 * events, `delegate()` from a handler continuing its trace; and the agent metrics from its events
 * (refused messages by reason, reconnects, the handler backlog).
 */
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Agent, createAgent, ErrorCode, ParleyError } from "../../src/index.js";
import type { Interceptor } from "../../src/interceptors.js";
import { openTelemetry, type ParleyTelemetry } from "../../src/opentelemetry/index.js";
import { eventually } from "../../testing/conformance/mesh.js";
import {
  createMemoryNetwork,
  createMemoryTransport,
  type MemoryNetwork,
} from "../../transports/memory/index.js";
import { heldHandler } from "../harness/held-handler.js";
import { pointsWith, spanTree, startTestSdk, type TestSdk } from "../harness/otel-sdk.js";

let sdk: TestSdk;
let network: MemoryNetwork;
let telemetry: ParleyTelemetry;
const agents: Agent[] = [];

async function agent(id: string, options: Record<string, unknown> = {}): Promise<Agent> {
  const made = createAgent({
    id,
    transport: createMemoryTransport({ network }),
    heartbeatIntervalMs: 0,
    ...options,
  });
  telemetry.instrument(made);
  await made.connect();
  agents.push(made);
  return made;
}

beforeAll(async () => {
  sdk = startTestSdk();
  network = createMemoryNetwork();
  telemetry = await openTelemetry(sdk);
});

afterAll(async () => {
  await Promise.all(agents.map((a) => a.close()));
  await sdk.shutdown();
});

describe("spans", () => {
  it("a broadcast: a producer span, and a consumer span under it at each listener", async () => {
    const herald = await agent("herald");
    const listeners = [await agent("town-1"), await agent("town-2")];
    const heard = listeners.map(
      (town) => new Promise((resolve) => town.on("proclamation", resolve)),
    );
    await herald.broadcast("proclamation", { text: "hear ye" });
    await Promise.all(heard);
    const spans = await sdk.trace("send proclamation", 3);
    expect(spanTree(spans)).toEqual([
      "send proclamation",
      "  process proclamation",
      "  process proclamation",
    ]);
    const [send, ...processes] = spans.sort((a, b) => a.kind - b.kind);
    expect(send?.kind).toBe(SpanKind.PRODUCER);
    expect(send?.attributes).toMatchObject({
      "messaging.system": "memory",
      "messaging.destination.name": "a2a/broadcast/broadcast",
      "parley.broadcast_type": "proclamation",
    });
    expect(processes.map((p) => [p.kind, p.attributes["parley.agent"]]).sort()).toEqual([
      [SpanKind.CONSUMER, "town-1"],
      [SpanKind.CONSUMER, "town-2"],
    ]);
  });

  it("a streamed request: one event per part on the caller's span", async () => {
    const poet = await agent("poet");
    poet.handle("recite", async function* () {
      yield { line: 1 };
      yield { line: 2 };
      yield { line: 3 };
      return { lines: 3 };
    });
    const reader = await agent("reader");
    const kinds: string[] = [];
    for await (const event of reader.stream("poet", "recite")) kinds.push(event.kind);
    expect(kinds).toEqual(["part", "part", "part", "response"]);
    const spans = await sdk.trace("send recite", 2);
    expect(spanTree(spans)).toEqual(["send recite", "  process recite"]);
    const send = spans.find((s) => s.name === "send recite");
    expect(send?.events.map((e) => [e.name, e.attributes?.["parley.part"]])).toEqual([
      ["part", 0],
      ["part", 1],
      ["part", 2],
    ]);
  });

  it("a retried request: a span per attempt, the later ones with a retry event", async () => {
    const shaky = await agent("shaky");
    shaky.handle("ping", () => ({ pong: true }));
    const pinger = await agent("pinger");
    // Inside the tracing interceptor: the first attempt fails before it is sent.
    const failFirst: Interceptor = {
      outbound: (call, next) =>
        call.attempt === 1
          ? Promise.reject(new ParleyError(ErrorCode.unavailable, "first attempt lost"))
          : next(),
    };
    await expect(
      pinger.request(
        "shaky",
        "ping",
        {},
        {
          idempotent: true,
          retry: { attempts: 2, initialDelayMs: 1 },
          interceptors: [failFirst],
        },
      ),
    ).resolves.toEqual({ pong: true });
    await eventually(
      () => sdk.spans().filter((s) => s.name === "send ping").length === 2,
      "both attempts' spans",
    );
    const [first, second] = sdk
      .spans()
      .filter((s) => s.name === "send ping")
      .sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]);
    expect(first?.status.code).toBe(SpanStatusCode.ERROR);
    expect(first?.attributes["error.type"]).toBe("unavailable");
    expect(first?.events.map((e) => e.name)).not.toContain("retry");
    expect(second?.status.code).toBe(SpanStatusCode.UNSET);
    expect(second?.attributes["parley.attempt"]).toBe(2);
    expect(second?.events.map((e) => e.name)).toContain("retry");
    // Each attempt is its own message: only the second reached the handler.
    const served = sdk.spans().filter((s) => s.name === "process ping");
    expect(served.map((s) => s.parentSpanContext?.spanId)).toEqual([second?.spanContext().spanId]);
  });

  it("delegate() from a handler continues the handler's trace", async () => {
    const expert = await agent("expert", { card: { capabilities: ["translate"] } });
    expert.handle("delegate_task", ({ task_data }) => ({ translated: task_data }));
    const manager = await agent("manager");
    manager.handle("translate_please", (payload) => manager.delegate("translate", payload));
    const client = await agent("delegating-client");
    await eventually(() => manager.directory.get("expert") !== undefined, "the expert known");
    await expect(client.request("manager", "translate_please", { word: "hi" })).resolves.toEqual({
      translated: { word: "hi" },
    });
    const spans = await sdk.trace("send translate_please", 4);
    expect(spanTree(spans)).toEqual([
      "send translate_please",
      "  process translate_please",
      "    send delegate_task",
      "      process delegate_task",
    ]);
  });
});

describe("agent metrics", () => {
  it("counts refused messages by reason", async () => {
    const strict = await agent("strict");
    const raw = createMemoryTransport({ network });
    await raw.connect({ clientId: "raw-rejects" });
    await raw.publish("a2a/strict/request", new TextEncoder().encode("{not json"));
    await raw.publish("a2a/strict/request", new TextEncoder().encode("[]"));
    await eventually(() => strict.stats().rejected === 2, "two refusals");
    await raw.close();
    const rejected = pointsWith(await sdk.metric("parley.messages.rejected"), {
      "parley.agent": "strict",
      "error.type": "malformed_message",
    });
    expect(rejected.map((p) => p.value)).toEqual([2]);
  });

  it("counts a reconnect", async () => {
    const wobbly = await agent("wobbly");
    const back = new Promise<void>((resolve) => {
      let lost = false;
      wobbly.on("connection", ({ state }) => {
        if (state !== "connected") lost = true;
        else if (lost) resolve();
      });
    });
    network.drop("wobbly");
    await back;
    const reconnects = pointsWith(await sdk.metric("parley.reconnects"), {
      "parley.agent": "wobbly",
    });
    expect(reconnects.map((p) => p.value)).toEqual([1]);
  });

  it("reports the handler backlog as it is when read", async () => {
    const busy = await agent("busy", { concurrency: 1 });
    const held = heldHandler();
    busy.handle("work", held.handler);
    const boss = await agent("busy-boss");
    const all = [1, 2, 3].map(() => boss.request("busy", "work"));
    await held.running;
    await eventually(() => busy.stats().queuedRequests === 2, "two requests waiting");
    const backlog = () =>
      sdk
        .metric("parley.handler.queue.length")
        .then((m) => pointsWith(m, { "parley.agent": "busy" }).map((p) => p.value));
    expect(await backlog()).toEqual([2]);
    held.release();
    await Promise.all(all);
    expect(await backlog()).toEqual([0]);
  });
});
