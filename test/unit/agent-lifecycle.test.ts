import { describe, expect, it } from "vitest";
import { createAgent, ErrorCode } from "../../src/index.js";
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

  it("rejects requests and broadcasts before connect() with unavailable, and after close() with closed", async () => {
    const agent = createAgent({ id: "lc-early", transport: createMemoryTransport() });
    await expect(agent.request("anyone", "ping")).rejects.toMatchObject({
      code: ErrorCode.unavailable,
    });
    await expect(agent.broadcast("news")).rejects.toMatchObject({ code: ErrorCode.unavailable });
    await agent.connect();
    await agent.close();
    await expect(agent.request("anyone", "ping")).rejects.toMatchObject({ code: ErrorCode.closed });
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
