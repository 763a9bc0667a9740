/**
 * Interop over a real mosquitto with the seed's own Python protocol (Debian's python3-paho-mqtt,
 * MQTT 3.1.1) on one side and a Parley agent (MQTT 5) on the other: requests both ways, each sees
 * the other's announcement, errors both ways, broadcasts, and the seed logs no parse error for
 * anything Parley sends (heartbeats, announcements, broadcasts, error replies, cancellations).
 * The main Parley agent uses the default presence (retained card + Last Will, no heartbeats); a
 * second one sends the seed's heartbeats (`presence: "heartbeats"`) for the seed to parse.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Agent,
  createAgent,
  ErrorCode,
  type JsonObject,
  type ParleyError,
} from "../../src/index.js";
import { eventually } from "../../testing/conformance/mesh.js";
import { createMqttTransport } from "../../transports/mqtt/index.js";
import type { BrokerProcess } from "../harness/broker-process.js";
import { startMosquitto } from "../harness/mosquitto.js";
import { type SeedAgentProcess, startSeedAgent } from "../harness/seed-agent-process.js";

describe("interop with the seed's Python A2AProtocol over mosquitto", () => {
  let broker: BrokerProcess;
  let parley: Agent;
  let beating: Agent;
  let seed: SeedAgentProcess;

  beforeAll(async () => {
    broker = await startMosquitto();
    parley = createAgent({
      id: "parley-agent",
      transport: createMqttTransport({ url: `mqtt://127.0.0.1:${broker.port}` }),
      heartbeatIntervalMs: 100,
      card: {
        name: "Parley",
        version: "0.1.0",
        description: "TypeScript agent",
        capabilities: ["math"],
      },
    });
    parley.handle<{ x: number }>("parley_double", ({ x }) => ({ y: x * 2 }));
    parley.handle("parley_explode", () => {
      throw new Error("parley handler broke");
    });
    await parley.connect();
    beating = createAgent({
      id: "parley-beating",
      transport: createMqttTransport({ url: `mqtt://127.0.0.1:${broker.port}` }),
      heartbeatIntervalMs: 100,
      presence: "heartbeats",
    });
    await beating.connect();
    seed = await startSeedAgent("127.0.0.1", broker.port, "seed-agent");
  }, 60_000);

  afterAll(async () => {
    seed?.kill();
    await parley?.close();
    await beating?.close();
    await broker?.stop();
  });

  it("Parley learns the seed agent from its announcement", async () => {
    await eventually(
      () => parley.directory.get("seed-agent")?.name === "AlexAI",
      "the seed's announcement",
    );
    expect(parley.directory.get("seed-agent")?.capabilities).toContain("knowledge_base_search");
  });

  it("the seed learns the Parley agent from Parley's answer to its discovery broadcast", async () => {
    await seed.command({ cmd: "discover" }, "discovering");
    let known: Record<string, JsonObject> = {};
    for (let i = 0; i < 100 && !known["parley-agent"]; i++) {
      known = (await seed.command({ cmd: "known" }, "known")).agents as Record<string, JsonObject>;
      if (!known["parley-agent"]) await new Promise((r) => setTimeout(r, 50));
    }
    expect(known["parley-agent"]).toMatchObject({
      name: "Parley",
      capabilities: ["math"],
      request_types: ["parley_double", "parley_explode"],
      // Parley's own card keys ride along: the seed keeps agent_info as a plain dictionary.
      requests_survive_absence: false,
      instance_id: expect.any(String),
    });
  });

  it("the seed asks Parley for work and gets the response", async () => {
    const event = await seed.command(
      { cmd: "request", to: "parley-agent", type: "parley_double", payload: { x: 21 } },
      "response",
    );
    expect(event.payload).toEqual({ y: 42 });
  });

  it("the seed gets Parley's typed errors as responses it can correlate", async () => {
    const unknown = await seed.command(
      { cmd: "request", to: "parley-agent", type: "no_such_thing", payload: {} },
      "response",
    );
    expect(unknown.payload).toMatchObject({
      request_type: "no_such_thing",
      error: { code: "unknown_request_type" },
    });
    const failed = await seed.command(
      { cmd: "request", to: "parley-agent", type: "parley_explode", payload: {} },
      "response",
    );
    expect(failed.payload).toMatchObject({
      request_type: "parley_explode",
      error: { code: "handler_failed", message: "parley handler broke" },
    });
  });

  it("Parley asks the seed for work and gets the response", async () => {
    await expect(parley.request("seed-agent", "seed_echo", { q: "hi" })).resolves.toEqual({
      echo: { request_type: "seed_echo", q: "hi" },
      agent: "seed-agent",
    });
  });

  it("a seed handler's failure reaches Parley as remote_error", async () => {
    const error = (await parley
      .request("seed-agent", "seed_explode", {})
      .catch((e: unknown) => e)) as ParleyError;
    expect(error.code).toBe(ErrorCode.remote_error);
    expect(error.message).toBe("Unsupported task type: teleport");
  });

  it("a request type the seed does not serve times out (the seed never answers it)", async () => {
    const error = (await parley
      .request("seed-agent", "not_served", {}, { timeout: 500 })
      .catch((e: unknown) => e)) as ParleyError;
    expect(error.code).toBe(ErrorCode.timeout);
  });

  it("a cancelled request reaches the seed as a message it parses and ignores", async () => {
    const controller = new AbortController();
    const pending = parley.request(
      "seed-agent",
      "not_served",
      {},
      { signal: controller.signal, timeout: 5000 },
    );
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: ErrorCode.cancelled });
  });

  it("the seed hears Parley's broadcast and logged no parse error for anything Parley sent", async () => {
    await parley.broadcast("system_update", {
      update_type: "capability_enhancement",
      details: "from Parley",
    });
    // Heartbeats go out every 100 ms: let several reach the seed before it reports.
    await new Promise((r) => setTimeout(r, 500));
    const stopped = await seed.stop();
    expect(stopped.updates).toEqual([
      {
        broadcast_type: "system_update",
        update_type: "capability_enhancement",
        details: "from Parley",
      },
    ]);
    expect(stopped.errors).toEqual([]);
  });
});
