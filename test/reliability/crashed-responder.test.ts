/**
 * A responder that crashes (its process SIGKILLed: no goodbye, no clean DISCONNECT) while
 * requests to it are pending. Its callers hear `unavailable` as soon as their directory marks it
 * offline (its Last Will on MQTT and the hub, missed heartbeats on NATS), not at the deadline:
 * every request here has a 10-minute timeout, so a rejection within the test's own timeout is
 * the proof of promptness. An idempotent delegation moves on to another agent. Requests keep
 * waiting where they can still be answered: a persistent session holds them for the responder's
 * return, and a pool still has a member. A responder restarted at once (a new process, back
 * within the grace) fails them too: its card's new instance id tells the caller.
 */
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import type { ContractSet } from "../../src/contracts.js";
import {
  type Agent,
  type AgentInfo,
  type AgentOptions,
  createAgent,
  type JsonObject,
} from "../../src/index.js";
import { eventually, next } from "../../testing/conformance/mesh.js";
import { createMqttTransport } from "../../transports/mqtt/index.js";
import { createNatsTransport } from "../../transports/nats/index.js";
import type { Transport } from "../../transports/transport.js";
import { createWebSocketHub, createWebSocketTransport } from "../../transports/websocket/node.js";
import { startAgentProcess } from "../harness/agent-process.js";
import { startMosquitto } from "../harness/mosquitto.js";
import { startNatsServer } from "../harness/nats-server.js";
import type { ResponderConfig } from "./fixtures/hanging-responder.js";

const RESPONDER = fileURLToPath(new URL("./fixtures/hanging-responder.ts", import.meta.url));
/** Far beyond the test's own timeout: a rejection before it cannot be the deadline's. */
const FAR_AWAY = 10 * 60_000;

interface Fabric {
  readonly name: string;
  readonly transport: ResponderConfig["transport"];
  /** Starts the broker or hub; returns its URL and how to stop it. */
  start(): Promise<{ url: string; stop: () => Promise<void> }>;
  connect(url: string, id: string): Transport;
  /** Heartbeats for both sides where presence relies on them. */
  readonly heartbeatIntervalMs?: number;
}

const fabrics: readonly Fabric[] = [
  {
    name: "mosquitto (MQTT 5)",
    transport: "mqtt",
    async start() {
      const broker = await startMosquitto();
      return { url: `mqtt://127.0.0.1:${broker.port}`, stop: () => broker.stop() };
    },
    connect: (url) => createMqttTransport({ url, protocolVersion: 5 }),
  },
  {
    name: "WebSocket hub",
    transport: "websocket",
    async start() {
      const hub = await createWebSocketHub();
      return { url: hub.url, stop: () => hub.close() };
    },
    connect: (url) => createWebSocketTransport({ url }),
  },
  {
    name: "NATS (missed heartbeats)",
    transport: "nats",
    async start() {
      const server = await startNatsServer();
      return { url: server.url, stop: () => server.stop() };
    },
    connect: (url, id) => createNatsTransport({ url, name: id }),
    heartbeatIntervalMs: 100,
  },
];

/** `lookup` is idempotent: delegation may fail over. */
const contracts: ContractSet = {
  requests: {
    lookup: {
      name: "lookup",
      version: "1",
      hash: "h",
      idempotent: true,
      validateRequest: () => [],
      validateResponse: () => [],
    },
  },
  broadcasts: {},
};

/** The error a streamed request ends with, or undefined when it completes. */
async function streamError(events: AsyncIterable<unknown>): Promise<unknown> {
  try {
    for await (const _ of events);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe.each(fabrics)("a crashed responder on $name", { timeout: 60_000 }, (fabric) => {
  let url: string;
  let stop: () => Promise<void>;
  let count = 0;
  const uniqueId = (what: string) => `cr-${fabric.transport}-${what}-${++count}`;

  beforeAll(async () => {
    ({ url, stop } = await fabric.start());
  });
  afterAll(async () => {
    await stop?.();
  });

  const heartbeats = () =>
    fabric.heartbeatIntervalMs === undefined
      ? {}
      : { heartbeatIntervalMs: fabric.heartbeatIntervalMs };

  async function agent(id: string, options: Partial<AgentOptions> = {}): Promise<Agent> {
    const created = createAgent({
      id,
      transport: fabric.connect(url, id),
      ...heartbeats(),
      ...options,
    });
    onTestFinished(() => created.close());
    await created.connect();
    return created;
  }

  function responder(id: string, extra: Partial<ResponderConfig> = {}) {
    const config: ResponderConfig = {
      transport: fabric.transport,
      url,
      id,
      ...heartbeats(),
      ...extra,
    };
    return startAgentProcess(RESPONDER, [JSON.stringify(config)]);
  }

  it("fails the requests and streams pending to it with unavailable", async () => {
    const id = uniqueId("victim");
    const victim = await responder(id);
    const caller = await agent(uniqueId("caller"));
    await eventually(() => caller.directory.get(id)?.status === "online", "the responder known");
    const request = caller.request(id, "hang", {}, { timeout: FAR_AWAY }).catch((e: unknown) => e);
    const stream = streamError(caller.stream(id, "hang_stream", {}, { timeout: FAR_AWAY }));
    await victim.next("handling");
    await victim.next("handling");
    await victim.kill();
    const details = { to: id, agent: id, offline: true };
    expect(await request).toMatchObject({ code: "unavailable", details });
    expect(await stream).toMatchObject({ code: "unavailable", details });
    expect(caller.stats().offlineFailures).toBe(2);
    expect(caller.directory.get(id)?.status).toBe("offline");
  });

  it("fails the requests pending to it when a new process takes its place within the grace", async () => {
    const id = uniqueId("restarted");
    const crashing = await responder(id);
    // A grace longer than the test: only the restart can fail the request in time.
    const caller = await agent(uniqueId("caller"), { offlineGraceMs: 60_000 });
    await eventually(() => caller.directory.get(id)?.status === "online", "the responder known");
    const previous = caller.directory.get(id)?.instanceId;
    const restarts: AgentInfo[] = [];
    caller.on("agent:restarted", (info) => restarts.push(info));
    const request = caller.request(id, "hang", {}, { timeout: FAR_AWAY }).catch((e: unknown) => e);
    await crashing.next("handling");
    await crashing.kill();
    // A supervisor restarts it at once, under the same agent id.
    await responder(id);
    const failure = await request;
    const instance = caller.directory.get(id)?.instanceId;
    expect(failure).toMatchObject({
      code: "unavailable",
      details: { to: id, agent: id, restarted: true, previous_instance: previous, instance },
    });
    expect(instance).not.toBe(previous);
    expect(restarts.map((info) => info.id)).toEqual([id]);
    expect(caller.stats().offlineFailures).toBe(1);
  });

  it("lets an idempotent delegation fail over to another agent", async () => {
    const capability = uniqueId("lookup");
    const firstId = uniqueId("first");
    const first = await responder(firstId, { capabilities: [capability] });
    const backup = await agent(uniqueId("backup"), { card: { capabilities: [capability] } });
    backup.handle("delegate_task", () => ({ answered_by: backup.id }));
    const boss = await agent(uniqueId("boss"), { contracts });
    await eventually(() => boss.directory.withCapability(capability).length === 2, "both known");
    const result = boss.delegate<JsonObject>(
      "lookup",
      { q: 1 },
      { capability, preferredAgent: firstId, timeout: FAR_AWAY },
    );
    await first.next("handling");
    await first.kill();
    expect(await result).toEqual({ answered_by: backup.id });
  });

  it("keeps a request to a pool waiting while another member remains", async () => {
    const pool = uniqueId("pool");
    const stayer = await agent(uniqueId("stayer"), { pools: [pool] });
    let answer: ((value: JsonObject) => void) | undefined;
    stayer.handle("hang", () => new Promise<JsonObject>((resolve) => (answer = resolve)));
    // No grace: a wrong failure would come at once, before the stayer answers.
    const caller = await agent(uniqueId("caller"), { offlineGraceMs: 0 });
    await eventually(() => caller.directory.get(stayer.id) !== undefined, "the first member known");
    const request = caller.request(pool, "hang", {}, { timeout: FAR_AWAY });
    await eventually(() => answer !== undefined, "the request held by the first member");
    const leaverId = uniqueId("leaver");
    const leaver = await responder(leaverId, { pools: [pool] });
    await eventually(
      () => caller.directory.get(leaverId)?.pools.includes(pool) === true,
      "the second member known",
    );
    const offline = next<AgentInfo>(
      (cb) => caller.on("agent:offline", cb),
      (info) => info.id === leaverId,
    );
    await leaver.kill();
    await offline;
    answer?.({ answered_by: stayer.id });
    expect(await request).toEqual({ answered_by: stayer.id });
    expect(caller.stats().offlineFailures).toBe(0);
  });
});
