import { describe, expect, it } from "vitest";
import { createMemoryNetwork, createMemoryTransport } from "../../transports/memory/index.js";
import type { Transport } from "../../transports/transport.js";
import { HUB_ORIGIN_KEY } from "../../transports/websocket/node.js";
import { connectClient, createInbox, onCleanup, startHub, str, text } from "./fixture.js";

/** The memory transport as a broker without metadata would look (MQTT 3.1.1). */
function withoutMetadata(inner: Transport): Transport {
  return {
    name: "memory-without-metadata",
    get features() {
      return { ...inner.features, metadata: false };
    },
    connect: (options) => inner.connect(options),
    close: () => inner.close(),
    publish: (address, bytes, options = {}) => {
      const { metadata: _dropped, ...rest } = options;
      return inner.publish(address, bytes, rest);
    },
    subscribe: (pattern, deliver, options) =>
      inner.subscribe(pattern, (message) => deliver({ ...message, metadata: {} }), options),
    onStatus: (listener) => inner.onStatus(listener),
  };
}

describe.each([
  { name: "with metadata marks", wrap: (t: Transport) => t, metadata: true },
  // Without metadata neither the publisher's metadata nor the retain mark can cross hub A's side.
  { name: "hub A without metadata (echo tracking)", wrap: withoutMetadata, metadata: false },
])("two websocket hubs bridged through one fabric, $name", ({ wrap, metadata }) => {
  async function setup() {
    const network = createMemoryNetwork();
    const hubA = await startHub({ bridge: wrap(createMemoryTransport({ network })) });
    const hubB = await startHub({ bridge: { transport: createMemoryTransport({ network }) } });
    const alice = await connectClient(hubA, "alice");
    const bob = await connectClient(hubB, "bob");
    return { network, hubA, hubB, alice, bob };
  }

  it("routes both ways exactly once, with the publisher's metadata and no echo", async () => {
    const { hubA, hubB, alice, bob } = await setup();
    const aliceSees = createInbox();
    const bobSees = createInbox();
    await alice.subscribe("a2a/#", aliceSees.deliver);
    await bob.subscribe("a2a/bob/+", bobSees.deliver);

    await alice.publish("a2a/bob/request", text("hi bob"), { metadata: { trace: "t1" } });
    const atBob = await bobSees.next();
    expect(str(atBob.bytes)).toBe("hi bob");
    expect(atBob.metadata).toEqual(metadata ? { trace: "t1" } : {});

    await bob.publish("a2a/alice/response", text("hi alice"));
    await aliceSees.until(2);
    // Hub A saw its own message come back from the fabric and dropped it.
    expect(aliceSees.bodies()).toEqual(["hi bob", "hi alice"]);
    expect(hubA.stats().bridge).toMatchObject({ forwarded: 1, received: 1, echoes: 1, errors: 0 });
    expect(hubB.stats().bridge).toMatchObject({ forwarded: 1, received: 1, echoes: 1, errors: 0 });
  });

  it("exchanges messages with a plain client of the fabric (as an MQTT agent would be)", async () => {
    const { network, bob } = await setup();
    const outside = createMemoryTransport({ network });
    onCleanup(() => outside.close());
    await outside.connect({ clientId: "outside" });
    const outsideSees = createInbox();
    await outside.subscribe("a2a/outside/+", outsideSees.deliver);
    const bobSees = createInbox();
    await bob.subscribe("a2a/bob/+", bobSees.deliver);

    await bob.publish("a2a/outside/request", text("to outside"));
    expect(str((await outsideSees.next()).bytes)).toBe("to outside");
    await outside.publish("a2a/bob/response", text("from outside"));
    expect(str((await bobSees.next()).bytes)).toBe("from outside");
    expect(bobSees.received[0]?.metadata[HUB_ORIGIN_KEY]).toBeUndefined();
  });

  it("keeps a retained message published on one hub for late subscribers of the other", async () => {
    const { hubB, alice, bob } = await setup();
    const live = createInbox();
    await bob.subscribe("a2a/_presence/+", live.deliver);
    await alice.publish("a2a/_presence/alice", text("alice card"), { retain: true });
    await live.next(); // hub B has it now

    const carol = await connectClient(hubB, "carol");
    const late = createInbox();
    await carol.subscribe("a2a/_presence/+", late.deliver);
    expect(late.bodies()).toEqual(metadata ? ["alice card"] : []);
    if (metadata) expect(late.received[0]?.retained).toBe(true);
  });

  it("passes retain and expiry on to the fabric", async () => {
    const { network, alice } = await setup();
    await alice.publish("a2a/_presence/stale", text("expired"), { retain: true, expirySeconds: 0 });
    await alice.publish("a2a/_presence/fresh", text("fresh"), { retain: true, expirySeconds: 600 });
    const outside = createMemoryTransport({ network });
    onCleanup(() => outside.close());
    await outside.connect({ clientId: "outside" });
    const seen = createInbox();
    await outside.subscribe("a2a/_presence/+", seen.deliver);
    expect(str((await seen.next()).bytes)).toBe("fresh");
    expect(seen.bodies()).toEqual(["fresh"]);
  });

  it("does not bridge addresses outside the bridge pattern", async () => {
    const { hubA, alice, bob } = await setup();
    const bobSees = createInbox();
    await bob.subscribe("#", bobSees.deliver);
    await alice.publish("local/only", text("stays on hub A"));
    await alice.publish("a2a/bob/request", text("crosses"));
    expect(str((await bobSees.next()).bytes)).toBe("crosses");
    expect(hubA.stats().bridge?.forwarded).toBe(1);
  });
});

describe("websocket hub bridge start", () => {
  it("fails with a clear error when the bridge cannot connect", async () => {
    const broken = createMemoryTransport();
    await broken.close();
    await expect(startHub({ bridge: broken })).rejects.toThrow(
      "websocket hub: bridge failed to start: memory transport was closed",
    );
  });
});
