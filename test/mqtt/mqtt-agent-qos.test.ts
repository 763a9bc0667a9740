/**
 * QoS per message kind, as the broker sees it: a raw MQTT 5 client subscribed at QoS 2 on a private
 * mosquitto receives each message at the QoS the agent published it with. By default requests,
 * responses and presence cards go at QoS 1, broadcasts and heartbeats at QoS 0
 * (`DEFAULT_QOS`); the agent's `qos` option changes it per kind.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { DEFAULT_QOS } from "../../src/defaults.js";
import { type AgentOptions, createAgent } from "../../src/index.js";
import { createMqttTransport } from "../../transports/mqtt/mqtt-transport.js";
import { type RunningBroker, startMosquittoBroker } from "../harness/mqtt-brokers.js";
import { listenOnWire, payloadOf, type WireListener, type WirePacket } from "./wire-listener.js";

type AgentSettings = Partial<Omit<AgentOptions, "id" | "transport">>;

describe("QoS per message kind on mosquitto (MQTT 5)", { timeout: 20_000 }, () => {
  let broker: RunningBroker;
  beforeAll(async () => {
    broker = await startMosquittoBroker();
  }, 30_000);
  afterAll(() => broker?.stop());

  async function agent(id: string, settings: AgentSettings = {}) {
    const transport = createMqttTransport({ url: broker.url, protocolVersion: 5 });
    const made = createAgent({ id, transport, heartbeatIntervalMs: 0, ...settings });
    onTestFinished(() => made.close());
    made.handle("echo", (payload) => payload);
    await made.connect();
    return made;
  }
  async function listen(): Promise<WireListener> {
    const wire = await listenOnWire(broker.url, ["a2a/#"]);
    onTestFinished(() => wire.close());
    return wire;
  }
  const qosOf = async (wire: WireListener, match: (packet: WirePacket) => boolean) =>
    (await wire.next(match)).qos;
  const from = (sender: string, topic: string) => (packet: WirePacket) =>
    packet.topic === topic && packet.envelope?.sender_id === sender;

  /**
   * Has `caller` ask `worker` (each with its settings) and broadcast once; returns the QoS each
   * kind of message arrived with.
   */
  async function exchange(
    wire: WireListener,
    [caller, callerSettings]: [string, AgentSettings?],
    [worker, workerSettings]: [string, AgentSettings?],
  ) {
    const asking = await agent(caller, callerSettings);
    await agent(worker, workerSettings);
    expect(await asking.request(worker, "echo", { n: 1 })).toEqual({ n: 1 });
    await asking.broadcast("news", { n: 2 });
    return {
      request: await qosOf(wire, from(caller, `a2a/${worker}/request`)),
      response: await qosOf(wire, from(worker, `a2a/${caller}/response`)),
      broadcast: await qosOf(
        wire,
        (p) => from(caller, "a2a/broadcast/broadcast")(p) && payloadOf(p).broadcast_type === "news",
      ),
      presence: await qosOf(wire, (p) => p.topic === `a2a/_presence/${caller}`),
    };
  }

  it("sends requests, responses and presence cards at QoS 1, broadcasts and heartbeats at QoS 0", async () => {
    const wire = await listen();
    expect(await exchange(wire, ["qos-caller"], ["qos-worker"])).toEqual({
      request: 1,
      response: 1,
      broadcast: 0,
      presence: 1,
    });
    await agent("qos-beater", { presence: "heartbeats", heartbeatIntervalMs: 60_000 });
    expect(await qosOf(wire, from("qos-beater", "a2a/broadcast/heartbeat"))).toBe(0);
    expect(DEFAULT_QOS).toEqual({
      request: 1,
      response: 1,
      broadcast: 0,
      heartbeat: 0,
      presence: 1,
    });
  });

  it("uses the agent's qos option for each kind it names, and the default for the rest", async () => {
    const wire = await listen();
    const qos = await exchange(
      wire,
      ["qos-custom-caller", { qos: { request: 0, broadcast: 1 } }],
      ["qos-custom-worker", { qos: { response: 2 } }],
    );
    expect(qos).toEqual({ request: 0, response: 2, broadcast: 1, presence: 1 });
  });
});
