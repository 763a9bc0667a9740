/**
 * A remote A2A agent (a real `@a2a-js/sdk` server over HTTP) on the mesh: a Parley agent stands
 * for it on a private mosquitto, and Parley agents call it with request, stream, delegate and
 * cancel. Ported TCK scenarios name the scenario (message-id prefix) they come from.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RemoteA2AAgent, startRemoteA2AAgent } from "../../src/a2a/index.js";
import { type Agent, createAgent, type StreamEvent } from "../../src/index.js";
import { createMqttTransport } from "../../transports/mqtt/index.js";
import { type RunningBroker, startMosquittoBroker } from "../harness/mqtt-brokers.js";
import { untilOffline, untilOnline } from "./a2a-fixtures.js";
import { type SdkA2aServer, startSdkA2aServer } from "./sdk-a2a-server.js";

describe("a remote A2A agent on the mesh (mosquitto)", () => {
  let broker: RunningBroker;
  let server: SdkA2aServer;
  let remote: RemoteA2AAgent;
  let caller: Agent;

  beforeAll(async () => {
    broker = await startMosquittoBroker();
    server = await startSdkA2aServer();
    caller = createAgent({ id: "caller", transport: createMqttTransport({ url: broker.url }) });
    await caller.connect();
    const online = untilOnline(caller, "remote-helper");
    remote = await startRemoteA2AAgent({
      cardUrl: server.cardUrl,
      transport: () => createMqttTransport({ url: broker.url }),
      checkIntervalMs: 200,
    });
    await online;
  }, 30_000);

  afterAll(async () => {
    await remote?.close();
    await caller?.close();
    await server?.stop();
    await broker?.stop();
  });

  it("announces the remote agent's skills as request types and capabilities", () => {
    const info = caller.directory.get("remote-helper");
    expect(info).toMatchObject({ name: "Remote Helper", version: "2.0.0", status: "online" });
    expect([...(info?.requestTypes ?? [])].sort()).toEqual([
      "decline",
      "delegate_task",
      "greet",
      "reply",
      "tick",
      "wait",
    ]);
    expect(info?.capabilities).toContain("greet");
  });

  it("tck-complete-task: a request completes the remote task; its data artifact is the response", async () => {
    await expect(caller.request("remote-helper", "greet", { name: "Ada" })).resolves.toEqual({
      greeting: "hello Ada",
    });
  });

  it("tck-message-response: a direct message reply becomes the response", async () => {
    await expect(caller.request("remote-helper", "reply", {})).resolves.toEqual({
      text: "Direct message response",
    });
  });

  it("tck-reject-task: a rejected remote task fails the request with remote_code rejected", async () => {
    await expect(caller.request("remote-helper", "decline", {})).rejects.toMatchObject({
      code: "remote_error",
      details: { remote_code: "rejected" },
      message: expect.stringContaining("rejected"),
    });
  });

  it("tck-stream-ordering-001: streamed artifact chunks arrive as parts in order, then the response", async () => {
    const events: StreamEvent[] = [];
    for await (const event of caller.stream("remote-helper", "tick", {})) events.push(event);
    expect(events).toEqual([
      { kind: "part", seq: 0, data: { tick: 0 } },
      { kind: "part", seq: 1, data: { tick: 1 } },
      { kind: "part", seq: 2, data: { tick: 2 } },
      { kind: "response", data: { tick: 2 } },
    ]);
  });

  it("reaches the remote agent through delegate()", async () => {
    await expect(caller.delegate("greet", { name: "Grace" })).resolves.toEqual({
      status: "completed",
      result: { greeting: "hello Grace" },
      agent_id: "remote-helper",
    });
  });

  it("cancels the remote task when the Parley caller cancels", async () => {
    const started = server.waitStarted();
    const cancelled = server.cancelled();
    const abort = new AbortController();
    const pending = caller.request("remote-helper", "wait", {}, { signal: abort.signal });
    const taskId = await started;
    abort.abort();
    await expect(pending).rejects.toMatchObject({ code: "cancelled" });
    await expect(cancelled).resolves.toBe(taskId);
  });

  it("carries the request's traceparent metadata to the HTTP call", async () => {
    const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    await caller.request(
      "remote-helper",
      "greet",
      { name: "trace" },
      { metadata: { traceparent } },
    );
    expect(server.traceparents).toContain(traceparent);
  });

  it("goes offline when the remote agent stops answering, and back online when it answers again", async () => {
    const offline = untilOffline(caller, "remote-helper");
    await server.stop();
    await offline;
    expect(remote.agent).toBeUndefined();
    const online = untilOnline(caller, "remote-helper");
    await server.restart();
    await online;
    await expect(caller.request("remote-helper", "greet", { name: "again" })).resolves.toEqual({
      greeting: "hello again",
    });
  });
});
