/** mqtts:// with a private CA and client certificates, against mosquitto's TLS listener. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createMqttTransport, type MqttTransport } from "../../transports/mqtt/mqtt-transport.js";
import type { MqttTransportOptions } from "../../transports/mqtt/mqtt-transport-options.js";
import type { BrokerProcess } from "../harness/broker-process.js";
import { startMosquitto } from "../harness/mosquitto.js";
import { createTestCertificates, type TestCertificates } from "../harness/tls-certificates.js";
import { bytes, createInbox, text, uniqueId } from "./mqtt-fixtures.js";

describe("MQTT over TLS on mosquitto", { timeout: 20_000 }, () => {
  let certificates: TestCertificates | undefined;
  let broker: BrokerProcess | undefined;
  const made: MqttTransport[] = [];
  const tls = () => certificates as TestCertificates;
  const transport = (options: Partial<MqttTransportOptions>) => {
    const created = createMqttTransport({ url: `mqtts://127.0.0.1:${broker?.port}`, ...options });
    made.push(created);
    return created;
  };

  beforeAll(async () => {
    certificates = await createTestCertificates();
    broker = await startMosquitto({
      config: [
        `cafile ${certificates.caFile}`,
        `certfile ${certificates.serverCertFile}`,
        `keyfile ${certificates.serverKeyFile}`,
        "require_certificate true",
      ],
    });
  }, 30_000);
  afterEach(async () => {
    await Promise.all(made.splice(0).map((t) => t.close()));
  });
  afterAll(async () => {
    await broker?.stop();
    await certificates?.remove();
  });

  it("connects with the CA and a client certificate, and carries messages", async () => {
    const client = transport({ ca: tls().ca, cert: tls().clientCert, key: tls().clientKey });
    await client.connect({ clientId: uniqueId("tls") });
    expect(client.protocolVersion).toBe(5);
    const address = `a2a/${uniqueId("tls")}/request`;
    const inbox = createInbox();
    await client.subscribe(address, inbox.deliver);
    await client.publish(address, bytes("encrypted"));
    expect(text(await inbox.next())).toBe("encrypted");
  });

  it("refuses a broker whose certificate it cannot verify", async () => {
    const client = transport({ cert: tls().clientCert, key: tls().clientKey });
    await expect(client.connect({ clientId: uniqueId("untrusted") })).rejects.toThrow(
      /^mqtt: cannot connect to mqtts:\/\/127\.0\.0\.1:\d+: .*certificate/,
    );
    expect(client.client).toBeUndefined();
  });

  it("is refused by a broker that requires a client certificate when it has none", async () => {
    const client = transport({ ca: tls().ca });
    const error = (await client
      .connect({ clientId: uniqueId("anonymous") })
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(
      /^mqtt: cannot connect to mqtts:\/\/127\.0\.0\.1:\d+: TLS error: tlsv13 alert certificate required$/,
    );
  });
});
