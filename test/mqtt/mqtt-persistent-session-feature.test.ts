/**
 * `features.persistentSession`: whether mosquitto keeps the connection's session (its
 * subscriptions and queued messages) after the connection dies. An agent puts it in its card
 * (`requests_survive_absence`), and callers keep waiting on its requests while it is away.
 */
import { describe, expect, it } from "vitest";
import { MOSQUITTO_V5, MOSQUITTO_V311, useBroker } from "./mqtt-fixtures.js";

describe("persistentSession on mosquitto, MQTT 5", { timeout: 20_000 }, () => {
  const transports = useBroker(MOSQUITTO_V5);

  it("is true with clean: false and a session expiry", async () => {
    const transport = await transports.connected({ clean: false, sessionExpirySeconds: 600 });
    expect(transport.features.persistentSession).toBe(true);
  });

  it("is not set with clean: false and no session expiry (the session ends with the connection)", async () => {
    const transport = await transports.connected({ clean: false });
    expect(transport.features.persistentSession).toBeUndefined();
  });

  it("is not set for a clean session", async () => {
    const transport = await transports.connected();
    expect(transport.features.persistentSession).toBeUndefined();
  });
});

describe("persistentSession on mosquitto, MQTT 3.1.1", { timeout: 20_000 }, () => {
  const transports = useBroker(MOSQUITTO_V311);

  it("is true with clean: false (kept until the client returns)", async () => {
    const transport = await transports.connected({ clean: false });
    expect(transport.features.persistentSession).toBe(true);
  });
});
