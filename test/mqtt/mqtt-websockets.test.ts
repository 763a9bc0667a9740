/**
 * MQTT over WebSockets from Node: `ws://` and `wss://` to mosquitto's websockets listeners,
 * exchanging messages (with metadata) with a transport on the same broker's plain TCP listener.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createMqttTransport, type MqttTransport } from "../../transports/mqtt/mqtt-transport.js";
import type { MqttTransportOptions } from "../../transports/mqtt/mqtt-transport-options.js";
import type { BrokerProcess } from "../harness/broker-process.js";
import { startMosquittoWithWebSockets } from "../harness/mosquitto.js";
import { createTestCertificates, type TestCertificates } from "../harness/tls-certificates.js";
import { bytes, createInbox, text, uniqueId } from "./mqtt-fixtures.js";

describe("MQTT over WebSockets on mosquitto", { timeout: 20_000 }, () => {
  let certificates: TestCertificates | undefined;
  let plain: (BrokerProcess & { wsPort: number }) | undefined;
  let secure: (BrokerProcess & { wsPort: number }) | undefined;
  const made: MqttTransport[] = [];
  const transport = (options: MqttTransportOptions) => {
    const created = createMqttTransport(options);
    made.push(created);
    return created;
  };

  beforeAll(async () => {
    certificates = await createTestCertificates();
    plain = await startMosquittoWithWebSockets();
    secure = await startMosquittoWithWebSockets({
      config: [
        `cafile ${certificates.caFile}`,
        `certfile ${certificates.serverCertFile}`,
        `keyfile ${certificates.serverKeyFile}`,
      ],
    });
  }, 30_000);
  afterEach(async () => {
    await Promise.all(made.splice(0).map((t) => t.close()));
  });
  afterAll(async () => {
    await plain?.stop();
    await secure?.stop();
    await certificates?.remove();
  });

  /** Messages both ways between `viaWebSocket` and a transport on the broker's TCP listener. */
  async function exchange(viaWebSocket: MqttTransport, tcpPort: number): Promise<void> {
    const viaTcp = transport({ url: `mqtt://127.0.0.1:${tcpPort}` });
    await viaWebSocket.connect({ clientId: uniqueId("ws") });
    await viaTcp.connect({ clientId: uniqueId("tcp") });
    expect(viaWebSocket.protocolVersion).toBe(5);
    const toWs = `a2a/${uniqueId("ws")}/request`;
    const toTcp = `a2a/${uniqueId("tcp")}/request`;
    const wsInbox = createInbox();
    const tcpInbox = createInbox();
    await viaWebSocket.subscribe(toWs, wsInbox.deliver);
    await viaTcp.subscribe(toTcp, tcpInbox.deliver);
    await viaTcp.publish(toWs, bytes("over tcp"), { metadata: { from: "tcp" } });
    await viaWebSocket.publish(toTcp, bytes("over websocket"), { metadata: { from: "ws" } });
    const atWs = await wsInbox.next();
    const atTcp = await tcpInbox.next();
    expect([text(atWs), atWs.metadata]).toEqual(["over tcp", { from: "tcp" }]);
    expect([text(atTcp), atTcp.metadata]).toEqual(["over websocket", { from: "ws" }]);
  }

  it("carries messages and metadata over ws://", async () => {
    const broker = plain as BrokerProcess & { wsPort: number };
    await exchange(transport({ url: `ws://127.0.0.1:${broker.wsPort}` }), broker.port);
  });

  it("carries them over wss:// with the broker's CA, and refuses the broker without it", async () => {
    const broker = secure as BrokerProcess & { wsPort: number };
    const url = `wss://127.0.0.1:${broker.wsPort}/mqtt`;
    await exchange(transport({ url, ca: certificates?.ca ?? "" }), broker.port);
    const untrusting = transport({ url, reconnectPeriodMs: 0 });
    await expect(untrusting.connect({ clientId: uniqueId("untrusted") })).rejects.toThrow(
      /^mqtt: cannot connect to wss:\/\/127\.0\.0\.1:\d+\/mqtt: .*certificate/,
    );
  });
});
