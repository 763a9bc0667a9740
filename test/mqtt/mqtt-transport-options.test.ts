/** The MQTT transport's options: defaults, URL credentials, and bad combinations. */
import { describe, expect, it } from "vitest";
import { createMqttTransport } from "../../transports/mqtt/mqtt-transport.js";
import {
  DEFAULT_MQTT_CONNECT_TIMEOUT_MS,
  DEFAULT_MQTT_KEEPALIVE_SECONDS,
  DEFAULT_MQTT_QOS,
  DEFAULT_MQTT_RECONNECT_PERIOD_MS,
  type MqttTransportOptions,
  resolveMqttTransportOptions,
} from "../../transports/mqtt/mqtt-transport-options.js";

describe("resolveMqttTransportOptions", () => {
  it("fills in the documented defaults without touching the caller's object", () => {
    const options: MqttTransportOptions = Object.freeze({ url: "mqtt://127.0.0.1:1883" });
    const resolved = resolveMqttTransportOptions(options);
    expect(resolved).toMatchObject({
      protocolVersion: undefined,
      qos: DEFAULT_MQTT_QOS,
      clean: true,
      sessionExpirySeconds: 0,
      keepaliveSeconds: DEFAULT_MQTT_KEEPALIVE_SECONDS,
      reconnectPeriodMs: DEFAULT_MQTT_RECONNECT_PERIOD_MS,
      connectTimeoutMs: DEFAULT_MQTT_CONNECT_TIMEOUT_MS,
      rejectUnauthorized: true,
      sharedSubscriptions: "detect",
      timers: "auto",
    });
    expect(options).toEqual({ url: "mqtt://127.0.0.1:1883" });
  });

  it("takes credentials from the URL, lets explicit ones win, and keeps them out of displayUrl", () => {
    const fromUrl = resolveMqttTransportOptions({
      url: "mqtts://al%40ce:p%3Ass@broker.example:8883",
    });
    expect(fromUrl).toMatchObject({ username: "al@ce", password: "p:ss" });
    expect(fromUrl.displayUrl).toBe("mqtts://broker.example:8883");
    const explicit = resolveMqttTransportOptions({
      url: "mqtt://user:pw@127.0.0.1",
      username: "other",
      password: "secret",
    });
    expect(explicit).toMatchObject({ username: "other", password: "secret" });
  });

  it("accepts MQTT over WebSockets, ws:// and wss://, with a path", () => {
    const resolved = resolveMqttTransportOptions({ url: "wss://user:pw@broker.example:8081/mqtt" });
    expect(resolved).toMatchObject({
      url: "wss://user:pw@broker.example:8081/mqtt",
      username: "user",
    });
    expect(resolved.displayUrl).toBe("wss://broker.example:8081/mqtt");
    expect(() => createMqttTransport({ url: "ws://127.0.0.1:9001" })).not.toThrow();
  });

  it.each([
    [{ url: "not a url" }, /invalid url "not a url"/],
    [{ url: "http://127.0.0.1" }, /url must start with mqtt:\/\/, mqtts:\/\/, ws:\/\/ or wss:\/\//],
    [{ url: "mqtt://h", qos: 3 as 1 }, /qos must be 0, 1 or 2/],
    [{ url: "mqtt://h", protocolVersion: 3 as 4 }, /protocolVersion must be 5 or 4/],
    [{ url: "mqtt://h", protocolVersion: 4 as const, sessionExpirySeconds: 10 }, /needs MQTT 5/],
    [{ url: "mqtt://h", key: "k" }, /cert and key must be given together/],
    [{ url: "mqtt://h", connectTimeoutMs: 0 }, /connectTimeoutMs must be positive/],
    [{ url: "mqtt://h", timers: "worker" as "native" }, /timers must be "auto" or "native"/],
    [
      { url: "mqtt://h", reconnectPeriodMs: -1 },
      /reconnectPeriodMs must be a non-negative integer/,
    ],
  ])("rejects %o", (options, message) => {
    expect(() => resolveMqttTransportOptions(options)).toThrow(message);
    expect(() => createMqttTransport(options)).toThrow(message);
  });
});
