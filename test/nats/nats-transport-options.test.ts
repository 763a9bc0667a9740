import { describe, expect, it } from "vitest";
import {
  DEFAULT_NATS_MAX_RECONNECT_ATTEMPTS,
  DEFAULT_NATS_URL,
  resolveNatsTransportOptions,
} from "../../transports/nats/nats-transport-options.js";

describe("resolveNatsTransportOptions", () => {
  it("fills in defaults without touching the caller's object", () => {
    const options = Object.freeze({ url: "nats://127.0.0.1:4333", user: "u", pass: "p" });
    const resolved = resolveNatsTransportOptions(options);
    expect(resolved.servers).toEqual(["nats://127.0.0.1:4333"]);
    expect(resolved.connection).toMatchObject({
      servers: ["nats://127.0.0.1:4333"],
      user: "u",
      pass: "p",
      reconnect: true,
      maxReconnectAttempts: DEFAULT_NATS_MAX_RECONNECT_ATTEMPTS,
      waitOnFirstConnect: false,
    });
    expect(resolveNatsTransportOptions().servers).toEqual([DEFAULT_NATS_URL]);
  });

  it("tells WebSocket servers from TCP ones", () => {
    expect(resolveNatsTransportOptions({ servers: ["ws://a:1", "WSS://b:2"] }).websocket).toBe(
      true,
    );
    expect(resolveNatsTransportOptions({ servers: ["nats://a:1", "b:2"] }).websocket).toBe(false);
  });

  it.each([
    [{ url: "nats://a:1", servers: ["nats://b:2"] }, /either servers or url/],
    [{ servers: [] }, /at least one server/],
    [{ pass: "p" }, /pass needs user/],
    [{ token: "t", user: "u" }, /either token or user\/pass/],
    [{ maxReconnectAttempts: -2 }, /maxReconnectAttempts/],
    [{ connectTimeoutMs: 0 }, /connectTimeoutMs/],
    [{ pingIntervalMs: 1.5 }, /pingIntervalMs/],
    [{ servers: ["ws://a:1", "nats://b:2"] }, /all be ws:\/\/ or wss:\/\/ URLs, or none/],
    [{ url: "wss://a:443", tls: {} }, /tls applies to TCP servers only/],
  ])("refuses %j", (options, message) => {
    expect(() => resolveNatsTransportOptions(options)).toThrow(message);
  });
});
