/**
 * OpenTelemetry across agents, with the real SDK, over real brokers: a chain A -> B -> C (B's
 * handler asks C) is one trace whose every span has the right parent, its context carried in
 * transport metadata (MQTT 5 user properties, NATS headers, hub frame metadata); a failing
 * handler marks its span and its caller's with the error code; the request metrics record each
 * request with its outcome. Over MQTT 3.1.1 (no metadata) each hop starts its own trace.
 */
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Agent, createAgent, ErrorCode, type HandlerContext } from "../../src/index.js";
import { openTelemetry } from "../../src/opentelemetry/index.js";
import type { Transport } from "../../src/transport.js";
import { createMqttTransport } from "../../transports/mqtt/index.js";
import { createNatsTransport } from "../../transports/nats/index.js";
import { websocketTarget } from "../conformance/targets/websocket.js";
import type { BrokerProcess } from "../harness/broker-process.js";
import { startMosquitto } from "../harness/mosquitto.js";
import { startNatsServer } from "../harness/nats-server.js";
import { pointsWith, spanTree, startTestSdk, type TestSdk } from "../harness/otel-sdk.js";

interface Fabric {
  readonly name: string;
  readonly system: string;
  start(): Promise<{ stop(): Promise<void>; transport: () => Transport }>;
}

const fabrics: readonly Fabric[] = [
  {
    name: "MQTT 5 (mosquitto)",
    system: "mqtt",
    async start() {
      const broker = await startMosquitto();
      const url = `mqtt://127.0.0.1:${broker.port}`;
      return {
        stop: broker.stop,
        transport: () => createMqttTransport({ url, protocolVersion: 5 }),
      };
    },
  },
  {
    name: "NATS (nats-server)",
    system: "nats",
    async start() {
      const broker = await startNatsServer();
      return { stop: broker.stop, transport: () => createNatsTransport({ url: broker.url }) };
    },
  },
  {
    name: "the WebSocket hub",
    system: "websocket",
    async start() {
      const hub = await websocketTarget.setup();
      return { stop: hub.teardown, transport: () => hub.createTransport() };
    },
  },
];

const byName = (spans: readonly ReadableSpan[], name: string): ReadableSpan => {
  const span = spans.find((s) => s.name === name);
  if (!span) throw new Error(`no span "${name}" in ${spans.map((s) => s.name).join(", ")}`);
  return span;
};
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const idOf = (span: ReadableSpan) => span.spanContext().spanId;

describe.each(fabrics)("a traced chain A -> B -> C over $name", (fabric) => {
  let sdk: TestSdk;
  let stopBroker: (() => Promise<void>) | undefined;
  const agents: Agent[] = [];

  beforeAll(async () => {
    sdk = startTestSdk();
    const started = await fabric.start();
    stopBroker = started.stop;
    const telemetry = await openTelemetry(sdk);
    const agent = async (id: string): Promise<Agent> => {
      const made = createAgent({ id, transport: started.transport(), heartbeatIntervalMs: 0 });
      telemetry.instrument(made);
      await made.connect();
      agents.push(made);
      return made;
    };
    const c = await agent("otel-c");
    c.handle<{ q: string }>("lookup", ({ q }) => ({ answer: `${q}!` }));
    c.handle("explode", () => {
      throw new Error("C broke");
    });
    const b = await agent("otel-b");
    b.handle<{ q: string }>("ask_c", (payload, ctx: HandlerContext) =>
      ctx.request("otel-c", "lookup", payload),
    );
    b.handle("ask_c_to_explode", (_payload, ctx: HandlerContext) =>
      ctx.request("otel-c", "explode", {}),
    );
    await agent("otel-a");
  }, 60_000);

  afterAll(async () => {
    await Promise.all(agents.map((a) => a.close()));
    await stopBroker?.();
    await sdk?.shutdown();
  });

  const a = () => agents[2] as Agent;

  it("is one trace: each hop's server span under its caller's client span", async () => {
    await expect(a().request("otel-b", "ask_c", { q: "why" })).resolves.toEqual({
      answer: "why!",
    });
    const spans = await sdk.trace("send ask_c", 4);
    expect(spanTree(spans)).toEqual([
      "send ask_c",
      "  process ask_c",
      "    send lookup",
      "      process lookup",
    ]);
    const aSend = byName(spans, "send ask_c");
    const bProcess = byName(spans, "process ask_c");
    const bSend = byName(spans, "send lookup");
    const cProcess = byName(spans, "process lookup");
    expect(parentOf(aSend)).toBeUndefined();
    expect(parentOf(bProcess)).toBe(idOf(aSend));
    expect(parentOf(bSend)).toBe(idOf(bProcess));
    expect(parentOf(cProcess)).toBe(idOf(bSend));
    expect([aSend.kind, bProcess.kind, bSend.kind, cProcess.kind]).toEqual([
      SpanKind.CLIENT,
      SpanKind.SERVER,
      SpanKind.CLIENT,
      SpanKind.SERVER,
    ]);
    for (const span of spans) expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(aSend.attributes).toMatchObject({
      "messaging.system": fabric.system,
      "messaging.operation.type": "send",
      "messaging.destination.name": "a2a/otel-b/request",
      "messaging.destination.template": "a2a/{agent_id}/request",
      "parley.sender_id": "otel-a",
      "parley.recipient_id": "otel-b",
      "parley.request_type": "ask_c",
    });
    expect(bProcess.attributes).toMatchObject({
      "messaging.system": fabric.system,
      "messaging.operation.type": "process",
      "messaging.destination.name": "a2a/otel-b/request",
      "parley.sender_id": "otel-a",
      "parley.request_type": "ask_c",
    });
    // The same message and conversation (correlation id), seen from both ends of each hop.
    const conversation = "messaging.message.conversation_id";
    const messageId = "messaging.message.id";
    for (const [send, process] of [
      [aSend, bProcess],
      [bSend, cProcess],
    ] as const) {
      expect(process.attributes[messageId]).toEqual(expect.any(String));
      expect(process.attributes[messageId]).toBe(send.attributes[messageId]);
      expect(process.attributes[conversation]).toEqual(expect.any(String));
      expect(process.attributes[conversation]).toBe(send.attributes[conversation]);
    }
  });

  it("marks a failing handler's span and its caller's with the error", async () => {
    await expect(a().request("otel-b", "ask_c_to_explode")).rejects.toMatchObject({
      code: ErrorCode.handler_failed,
    });
    const spans = await sdk.trace("send ask_c_to_explode", 4);
    expect(spanTree(spans)).toEqual([
      "send ask_c_to_explode",
      "  process ask_c_to_explode",
      "    send explode",
      "      process explode",
    ]);
    for (const span of spans) {
      expect(span.status.code, span.name).toBe(SpanStatusCode.ERROR);
      expect(span.attributes["error.type"], span.name).toBe("handler_failed");
    }
    expect(byName(spans, "process explode").status.message).toBe("C broke");
    expect(byName(spans, "send explode").events.map((e) => e.name)).toContain("exception");
  });

  it("records each request's duration by type and outcome, and none left in flight", async () => {
    const duration = await sdk.metric("parley.request.duration");
    const ok = pointsWith(duration, {
      "parley.agent": "otel-a",
      "parley.request_type": "ask_c",
      "parley.outcome": "ok",
      "messaging.system": fabric.system,
    });
    expect(ok).toHaveLength(1);
    expect(ok[0]?.value).toMatchObject({ count: 1 });
    const failed = pointsWith(duration, {
      "parley.agent": "otel-b",
      "parley.request_type": "explode",
      "parley.outcome": "handler_failed",
      "error.type": "handler_failed",
    });
    expect(failed[0]?.value).toMatchObject({ count: 1 });
    const handled = pointsWith(await sdk.metric("parley.handler.duration"), {
      "parley.agent": "otel-c",
      "parley.request_type": "lookup",
      "parley.outcome": "ok",
    });
    expect(handled[0]?.value).toMatchObject({ count: 1 });
    const inFlight = pointsWith(await sdk.metric("parley.requests.in_flight"), {
      "parley.agent": "otel-a",
    });
    expect(inFlight.map((p) => p.value)).toEqual([0]);
  });
});

describe("a traced chain over MQTT 3.1.1, which carries no metadata", () => {
  let sdk: TestSdk;
  let broker: BrokerProcess;
  const agents: Agent[] = [];

  beforeAll(async () => {
    sdk = startTestSdk();
    broker = await startMosquitto();
    const telemetry = await openTelemetry(sdk);
    const url = `mqtt://127.0.0.1:${broker.port}`;
    for (const id of ["v4-c", "v4-b", "v4-a"]) {
      const made = createAgent({
        id,
        transport: createMqttTransport({ url, protocolVersion: 4 }),
        heartbeatIntervalMs: 0,
      });
      telemetry.instrument(made);
      await made.connect();
      agents.push(made);
    }
    const [c, b] = agents as [Agent, Agent];
    c.handle("lookup", () => ({ found: true }));
    b.handle("ask_c", (payload, ctx: HandlerContext) => ctx.request("v4-c", "lookup", payload));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(agents.map((a) => a.close()));
    await broker?.stop();
    await sdk?.shutdown();
  });

  it("works, but each hop's handler starts a trace of its own", async () => {
    await expect((agents[2] as Agent).request("v4-b", "ask_c")).resolves.toEqual({ found: true });
    const first = await sdk.trace("send ask_c", 1);
    expect(spanTree(first)).toEqual(["send ask_c"]);
    const second = await sdk.trace("process ask_c", 2);
    expect(spanTree(second)).toEqual(["process ask_c", "  send lookup"]);
    const third = await sdk.trace("process lookup", 1);
    expect(spanTree(third)).toEqual(["process lookup"]);
  });
});
