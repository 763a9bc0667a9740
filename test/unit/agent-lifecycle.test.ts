import { describe, expect, it } from "vitest";
import { createAgent } from "../../src/index.js";
import { createMemoryNetwork, createMemoryTransport } from "../../transports/memory/index.js";

const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;

describe("agent lifecycle", () => {
  it("leaves no timers behind after close, with requests and heartbeats in flight", async () => {
    const before = timers();
    const network = createMemoryNetwork();
    const server = createAgent({
      id: "lc-server",
      transport: createMemoryTransport({ network }),
      heartbeatIntervalMs: 10,
    });
    const client = createAgent({
      id: "lc-client",
      transport: createMemoryTransport({ network }),
      heartbeatIntervalMs: 10,
    });
    server.handle("hang", () => new Promise(() => {}));
    await server.connect();
    await client.connect();
    const pending = client
      .request("lc-server", "hang", {}, { timeout: 60_000 })
      .catch((e: unknown) => e);
    expect(timers()).toBeGreaterThan(before);
    await client.close();
    await server.close();
    await pending;
    expect(timers()).toBe(before);
  });

  it("refuses bad options with a clear error", () => {
    const transport = createMemoryTransport();
    expect(() => createAgent({ id: "a/b", transport })).toThrow(/invalid agent id "a\/b"/);
    expect(() => createAgent({ id: "broadcast", transport })).toThrow(/reserved/);
    expect(() => createAgent({ id: "ok", transport, concurrency: 0 })).toThrow(
      /concurrency must be an integer >= 1/,
    );
    expect(() => createAgent({ id: "ok", transport, heartbeatIntervalMs: -1 })).toThrow(
      /heartbeatIntervalMs/,
    );
    // @ts-expect-error: not a presence mode
    expect(() => createAgent({ id: "ok", transport, presence: "gossip" })).toThrow(
      /presence must be "cards" or "heartbeats"/,
    );
  });

  it("does not change the caller's options object", () => {
    const options = Object.freeze({
      id: "frozen",
      transport: createMemoryTransport(),
      qos: Object.freeze({ request: 0 as const }),
    });
    expect(() => createAgent(options)).not.toThrow();
  });
});
