import { describe, expect, it } from "vitest";
import { createAgent } from "../../src/index.js";
import { PUBLISHED, type Transport } from "../../src/transport.js";
import { createMemoryNetwork, createMemoryTransport } from "../../transports/memory/index.js";

/** `inner` with its `publish` replaced, as a transport of one's own may wrap another. */
function withPublish(inner: Transport, publish: Transport["publish"]): Transport {
  return {
    name: inner.name,
    features: inner.features,
    connect: (options) => inner.connect(options),
    close: () => inner.close(),
    subscribe: (pattern, deliver, options) => inner.subscribe(pattern, deliver, options),
    onStatus: (listener) => inner.onStatus(listener),
    publish,
  };
}

/** A transport as plain JavaScript may write one: `publish` returns nothing. */
function returningNothing(inner: Transport): Transport {
  return withPublish(inner, ((address: string, bytes: Uint8Array, options) => {
    void inner.publish(address, bytes, options);
  }) as Transport["publish"]);
}

/** A server answering `twice`, and a client on `wrap(its transport)`, both connected. */
async function pair(prefix: string, wrap: (transport: Transport) => Transport) {
  const network = createMemoryNetwork();
  const server = createAgent({
    id: `${prefix}-server`,
    transport: wrap(createMemoryTransport({ network })),
    heartbeatIntervalMs: 0,
  });
  const client = createAgent({
    id: `${prefix}-client`,
    transport: wrap(createMemoryTransport({ network })),
    heartbeatIntervalMs: 0,
  });
  server.handle("twice", (payload: { n: number }) => ({ n: payload.n * 2 }));
  await server.connect();
  await client.connect();
  return {
    client,
    async close() {
      await client.close();
      await server.close();
    },
  };
}

describe("a transport whose publish returns no promise", () => {
  it("still carries requests and replies", async () => {
    const { client, close } = await pair("pj", returningNothing);
    await expect(client.request("pj-server", "twice", { n: 21 })).resolves.toEqual({ n: 42 });
    await close();
  });
});

describe("publish outcomes the agent tells apart", () => {
  it("takes PUBLISHED as sent, and still fails a request at once when its publish rejects", async () => {
    const outcomes: string[] = [];
    const refusing = (inner: Transport) =>
      withPublish(inner, (address, bytes, options) => {
        const sent = address.endsWith("/refuse-me/request")
          ? Promise.reject(new Error("broker said no"))
          : inner.publish(address, bytes, options);
        outcomes.push(
          `${address.split("/").at(-1)}: ${sent === PUBLISHED ? "PUBLISHED" : "promise"}`,
        );
        return sent;
      });
    const { client, close } = await pair("po", refusing);
    outcomes.length = 0;
    await expect(client.request("po-server", "twice", { n: 2 })).resolves.toEqual({ n: 4 });
    expect(outcomes).toEqual(["request: PUBLISHED", "response: PUBLISHED"]);
    // Rejected with the publish's error (a lost rejection would end in a timeout instead).
    await expect(
      client.request("refuse-me", "twice", { n: 1 }, { timeout: 20_000 }),
    ).rejects.toMatchObject({
      code: "unavailable",
      message: expect.stringContaining("broker said no"),
    });
    await close();
  });
});
