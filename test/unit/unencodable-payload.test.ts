import { describe, expect, it } from "vitest";
import { createAgent, ErrorCode, ParleyError } from "../../src/index.js";
import { createMemoryNetwork, createMemoryTransport } from "../../transports/memory/index.js";

/** Two agents on one memory network, not yet connected: `{prefix}-server` and `{prefix}-client`. */
function agentPair(prefix: string) {
  const network = createMemoryNetwork();
  const make = (role: string) =>
    createAgent({
      id: `${prefix}-${role}`,
      transport: createMemoryTransport({ network }),
      heartbeatIntervalMs: 0,
    });
  return { server: make("server"), client: make("client") };
}

describe("a payload JSON cannot carry", () => {
  it("rejects the request at once and leaves nothing pending; a handler's such reply becomes an error reply", async () => {
    const { server, client } = agentPair("ue");
    server.handle("big", () => ({ n: 1n }));
    await server.connect();
    await client.connect();
    const started = Date.now();
    const refused = await client
      .request("ue-server", "echo", { n: 1n } as never, { timeout: 30_000 })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ParleyError);
    expect(refused).toMatchObject({ code: ErrorCode.invalid_request });
    expect(String((refused as ParleyError).message)).toMatch(/cannot be encoded as JSON.*BigInt/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(client.stats().pendingRequests).toBe(0);
    // The handler's reply cannot be encoded: the caller hears of it rather than waiting.
    const failed = await client
      .request("ue-server", "big", {}, { timeout: 30_000 })
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ParleyError);
    expect(failed).toMatchObject({ code: ErrorCode.invalid_response });
    expect(String((failed as ParleyError).message)).toMatch(/cannot be encoded as JSON/);
    expect(Date.now() - started).toBeLessThan(10_000);
    await client.close();
    await server.close();
  });
});

describe("a handler whose result cannot even be inspected", () => {
  it("answers handler_failed (a revoked Proxy throws on reading `then`)", async () => {
    const { server, client } = agentPair("rp");
    const errors: string[] = [];
    server.on("handler:error", ({ error }) => errors.push(error.code));
    server.handle("revoked", () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    });
    await server.connect();
    await client.connect();
    const failed = await client
      .request("rp-server", "revoked", {}, { timeout: 30_000 })
      .catch((e: unknown) => e);
    expect(failed).toMatchObject({ code: ErrorCode.handler_failed });
    expect(errors).toEqual([ErrorCode.handler_failed]);
    await client.close();
    await server.close();
  });
});
