/**
 * A traced chain through the seed's own Python agent (MQTT 3.1.1, no metadata, untraced) over a
 * real mosquitto: the trace context rides in MQTT 5 user properties, never in the envelope, so
 * the seed parses every message and answers; the Parley side of the chain stays one trace with
 * the right parents, and a request from the seed starts a new trace at the Parley agent it asks.
 */
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Agent, createAgent, type HandlerContext } from "../../src/index.js";
import { openTelemetry } from "../../src/opentelemetry/index.js";
import { eventually } from "../../testing/conformance/mesh.js";
import { createMqttTransport } from "../../transports/mqtt/index.js";
import type { BrokerProcess } from "../harness/broker-process.js";
import { startMosquitto } from "../harness/mosquitto.js";
import { spanTree, startTestSdk, type TestSdk } from "../harness/otel-sdk.js";
import { type SeedAgentProcess, startSeedAgent } from "../harness/seed-agent-process.js";

describe("a traced chain through the seed's Python agent over mosquitto", () => {
  let sdk: TestSdk;
  let broker: BrokerProcess;
  let seed: SeedAgentProcess;
  const agents: Agent[] = [];

  beforeAll(async () => {
    sdk = startTestSdk();
    broker = await startMosquitto();
    const telemetry = await openTelemetry(sdk);
    const agent = async (id: string): Promise<Agent> => {
      const url = `mqtt://127.0.0.1:${broker.port}`;
      const made = createAgent({ id, transport: createMqttTransport({ url }) });
      telemetry.instrument(made);
      await made.connect();
      agents.push(made);
      return made;
    };
    const relay = await agent("traced-relay");
    relay.handle("ask_seed", (payload, ctx: HandlerContext) =>
      ctx.request("seed-agent", "seed_echo", payload),
    );
    const worker = await agent("traced-worker");
    worker.handle<{ x: number }>("double", ({ x }) => ({ y: x * 2 }));
    relay.handle<{ x: number }>("ask_worker", (payload, ctx: HandlerContext) =>
      ctx.request("traced-worker", "double", payload),
    );
    await agent("traced-caller");
    seed = await startSeedAgent("127.0.0.1", broker.port, "seed-agent");
  }, 60_000);

  afterAll(async () => {
    seed?.kill();
    await Promise.all(agents.map((a) => a.close()));
    await broker?.stop();
    await sdk?.shutdown();
  });

  const caller = () => agents[2] as Agent;

  it("Parley -> Parley -> seed: the seed answers; the Parley spans are one trace", async () => {
    await expect(caller().request("traced-relay", "ask_seed", { q: "traced?" })).resolves.toEqual({
      echo: { request_type: "seed_echo", q: "traced?" },
      agent: "seed-agent",
    });
    const spans = await sdk.trace("send ask_seed", 3);
    // The seed records no span: the chain ends at the relay's client span.
    expect(spanTree(spans)).toEqual(["send ask_seed", "  process ask_seed", "    send seed_echo"]);
  });

  it("seed -> Parley -> Parley: the seed gets its answer; the trace starts at the agent it asked", async () => {
    const event = await seed.command(
      { cmd: "request", to: "traced-relay", type: "ask_worker", payload: { x: 21 } },
      "response",
    );
    expect(event.payload).toEqual({ y: 42 });
    let root: ReadableSpan | undefined;
    await eventually(() => {
      root = sdk.spans().find((s) => s.name === "process ask_worker");
      return root !== undefined;
    }, "the relay's span");
    expect(root?.parentSpanContext).toBeUndefined();
    const spans = await sdk.trace("process ask_worker", 3);
    expect(spanTree(spans)).toEqual(["process ask_worker", "  send double", "    process double"]);
  });

  it("the seed logged no parse error for anything the traced agents sent", async () => {
    const stopped = await seed.stop();
    expect(stopped.errors).toEqual([]);
  });
});
