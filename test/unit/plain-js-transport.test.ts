import { describe, expect, it } from "vitest";
import { createAgent, type Transport } from "../../src/index.js";
import { createMemoryNetwork, createMemoryTransport } from "../../transports/memory/index.js";

/** A transport as plain JavaScript may write one: `publish` returns nothing. */
function returningNothing(inner: Transport): Transport {
  return {
    name: inner.name,
    features: inner.features,
    connect: (options) => inner.connect(options),
    close: () => inner.close(),
    subscribe: (pattern, deliver, options) => inner.subscribe(pattern, deliver, options),
    onStatus: (listener) => inner.onStatus(listener),
    publish: ((address: string, bytes: Uint8Array, options) => {
      void inner.publish(address, bytes, options);
    }) as Transport["publish"],
  };
}

describe("a transport whose publish returns no promise", () => {
  it("still carries requests and replies", async () => {
    const network = createMemoryNetwork();
    const server = createAgent({
      id: "pj-server",
      transport: returningNothing(createMemoryTransport({ network })),
      heartbeatIntervalMs: 0,
    });
    const client = createAgent({
      id: "pj-client",
      transport: returningNothing(createMemoryTransport({ network })),
      heartbeatIntervalMs: 0,
    });
    server.handle("twice", (payload: { n: number }) => ({ n: payload.n * 2 }));
    await server.connect();
    await client.connect();
    await expect(client.request("pj-server", "twice", { n: 21 })).resolves.toEqual({ n: 42 });
    await client.close();
    await server.close();
  });
});
