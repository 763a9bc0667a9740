/**
 * A request over MQTT 5 carries its `expires_at` as the message expiry interval, so the broker
 * can drop a request nobody took in time.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { type Agent, createAgent, type Transport } from "../../src/index.js";
import { createMqttTransport } from "../../transports/mqtt/mqtt-transport.js";
import type { MqttTransportOptions } from "../../transports/mqtt/mqtt-transport-options.js";
import { type RunningBroker, startMosquittoBroker } from "../harness/mqtt-brokers.js";
import { listenOnWire, payloadOf, type WirePacket } from "./wire-listener.js";

/**
 * The expiry interval the request should carry: the seconds from its timestamp to its expires_at,
 * rounded up. The broker forwards what is left, counted in its own whole seconds, so a listener
 * may see one second less when the broker's clock ticked between receiving and forwarding.
 */
function expectedIntervals(packet: WirePacket): number[] {
  const envelope = packet.envelope ?? {};
  const ms = Date.parse(String(envelope.expires_at)) - Date.parse(String(envelope.timestamp));
  const seconds = Math.ceil(ms / 1000);
  return [seconds - 1, seconds];
}

describe("request expiry on mosquitto (MQTT 5)", { timeout: 20_000 }, () => {
  let broker: RunningBroker;
  beforeAll(async () => {
    broker = await startMosquittoBroker();
  }, 30_000);
  afterAll(() => broker?.stop());

  const mqtt = (options: Partial<MqttTransportOptions> = {}) =>
    createMqttTransport({ url: broker.url, protocolVersion: 5, ...options });
  function agent(id: string, transport: Transport = mqtt()): Agent {
    const made = createAgent({ id, transport, heartbeatIntervalMs: 0 });
    onTestFinished(() => made.close());
    return made;
  }
  async function listen(patterns: string[]) {
    const wire = await listenOnWire(broker.url, patterns);
    onTestFinished(() => wire.close());
    return wire;
  }
  const ofType = (type: string) => (packet: WirePacket) => payloadOf(packet).request_type === type;
  const settled = (request: Promise<unknown>) => request.catch(() => {});

  it("carries the time left until expires_at: the timeout by default, expiresAt when given", async () => {
    const wire = await listen(["a2a/exp-absent/request"]);
    const caller = agent("exp-caller");
    await caller.connect();
    void settled(caller.request("exp-absent", "by-timeout", {}, { timeout: 20_000 }));
    const expiresAt = new Date(Date.now() + 45_000);
    void settled(caller.request("exp-absent", "by-date", {}, { timeout: 5_000, expiresAt }));

    const byTimeout = await wire.next(ofType("by-timeout"));
    expect(expectedIntervals(byTimeout)).toEqual([19, 20]);
    expect(expectedIntervals(byTimeout)).toContain(byTimeout.messageExpiryInterval);
    const byDate = await wire.next(ofType("by-date"));
    expect(byDate.envelope?.expires_at).toBe(expiresAt.toISOString().replace("Z", "+00:00"));
    expect(expectedIntervals(byDate)).toContain(byDate.messageExpiryInterval);
    expect(byDate.messageExpiryInterval).toBeGreaterThanOrEqual(43);
  });
});
