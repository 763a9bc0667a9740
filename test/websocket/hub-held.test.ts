import { describe, expect, it } from "vitest";
import { createMemoryNetwork, createMemoryTransport } from "../../transports/memory/index.js";
import { connectClient, createInbox, startHub, str, text } from "./fixture.js";

describe("websocket hub: a QoS 1 publish nobody is subscribed to yet", () => {
  it("is acked, held, and delivered to the first matching subscription when it arrives, once", async () => {
    const hub = await startHub();
    const requester = await connectClient(hub, "requester");
    await requester.publish("a2a/bob/request", text("for bob"), { expirySeconds: 30 });
    // QoS 0 is not acked, so not held either (as on MQTT).
    await requester.publish("a2a/bob/request", text("qos 0"), { expirySeconds: 30, qos: 0 });
    expect(hub.stats()).toMatchObject({ held: 1, heldRefused: 0 });

    const bob = await connectClient(hub, "bob");
    const inbox = createInbox();
    await bob.subscribe("a2a/bob/+", inbox.deliver);
    // Held messages arrive before subscribe() resolves, as retained ones do.
    expect(inbox.bodies()).toEqual(["for bob"]);
    expect(inbox.received[0]?.retained).toBe(false);
    expect(hub.stats()).toMatchObject({ held: 0, heldBytes: 0 });

    const again = createInbox();
    await bob.subscribe("a2a/bob/request", again.deliver);
    await requester.publish("a2a/bob/request", text("live"));
    await inbox.until(2);
    expect(inbox.bodies()).toEqual(["for bob", "live"]);
    expect(again.bodies()).toEqual(["live"]);
  });

  it("goes to one member of a worker pool's group that subscribes later", async () => {
    const hub = await startHub();
    const requester = await connectClient(hub, "requester");
    await requester.publish("a2a/pool/request", text("job"), { expirySeconds: 30 });
    const worker = await connectClient(hub, "worker");
    const jobs = createInbox();
    await worker.subscribe("a2a/pool/request", jobs.deliver, { group: "pool" });
    expect(jobs.bodies()).toEqual(["job"]);
  });

  it("is not taken by an observer (a pattern with #): it sees live traffic, the recipient gets the held copy", async () => {
    const hub = await startHub();
    const watcher = await connectClient(hub, "watcher");
    const watched = createInbox();
    await watcher.subscribe("a2a/#", watched.deliver);
    const requester = await connectClient(hub, "requester");
    await requester.publish("a2a/bob/request", text("for bob"), { expirySeconds: 30 });
    await watched.until(1);
    expect(hub.stats().held).toBe(1);

    const lateWatcher = createInbox();
    await watcher.subscribe("#", lateWatcher.deliver);
    expect(hub.stats().held).toBe(1);
    const bob = await connectClient(hub, "bob");
    const inbox = createInbox();
    await bob.subscribe("a2a/bob/+", inbox.deliver);
    expect(inbox.bodies()).toEqual(["for bob"]);
    // Each observer saw it once, when it was published.
    expect(watched.bodies()).toEqual(["for bob"]);
    expect(lateWatcher.bodies()).toEqual([]);
  });

  it("is refused (the publish fails) once the hub holds its most messages", async () => {
    const hub = await startHub({ maxHeldMessages: 1 });
    const requester = await connectClient(hub, "requester");
    await requester.publish("a2a/bob/request", text("one"), { expirySeconds: 30 });
    await expect(
      requester.publish("a2a/bob/request", text("two"), { expirySeconds: 30 }),
    ).rejects.toThrow(/no subscriber for a2a\/bob\/request and the hub holds no more messages/);
    expect(hub.stats()).toMatchObject({ held: 1, heldRefused: 1 });

    const bob = await connectClient(hub, "bob");
    const inbox = createInbox();
    await bob.subscribe("a2a/bob/+", inbox.deliver);
    expect(inbox.bodies()).toEqual(["one"]);
    // Room again.
    await requester.publish("a2a/carol/request", text("three"), { expirySeconds: 30 });
  });

  it("is refused once the hub holds its most bytes", async () => {
    const hub = await startHub({ maxHeldBytes: 1_000 });
    const requester = await connectClient(hub, "requester");
    await requester.publish("a2a/bob/request", text("x".repeat(900)), { expirySeconds: 30 });
    await expect(
      requester.publish("a2a/bob/request", text("y".repeat(200)), { expirySeconds: 30 }),
    ).rejects.toThrow(/\(10000 messages, 1000 bytes\)/);
    expect(hub.stats().heldBytes).toBe("a2a/bob/request".length + 900);
  });

  it("over a bridge, is acked when the bridge took it even if the hold is full (the subscriber may be beyond)", async () => {
    const network = createMemoryNetwork();
    const hub = await startHub({
      maxHeldMessages: 1,
      bridge: { transport: createMemoryTransport({ network }) },
    });
    const remote = createMemoryTransport({ network });
    await remote.connect({ clientId: "remote-bob" });
    const remoteInbox = createInbox();
    await remote.subscribe("a2a/bob/+", remoteInbox.deliver);
    const requester = await connectClient(hub, "requester");
    await requester.publish("a2a/bob/request", text("one"), { expirySeconds: 30 });
    await requester.publish("a2a/bob/request", text("two"), { expirySeconds: 30 });
    await remoteInbox.until(2);
    expect(remoteInbox.bodies()).toEqual(["one", "two"]);
    expect(hub.stats()).toMatchObject({ held: 1, heldRefused: 0 });
    await remote.close();
    // Outside the bridge's pattern it has nowhere else to go: refused.
    await expect(requester.publish("local/bob", text("x"), { expirySeconds: 30 })).rejects.toThrow(
      /no subscriber for local\/bob/,
    );
  });
});

describe("websocket hub retained store bytes", () => {
  it("refuses a retained message beyond maxRetainedBytes, naming the bound", async () => {
    const hub = await startHub({ maxRetainedBytes: 1_000 });
    const client = await connectClient(hub, "client");
    await client.publish("a2a/_presence/one", text("x".repeat(900)), { retain: true });
    await expect(
      client.publish("a2a/_presence/two", text("y".repeat(200)), { retain: true }),
    ).rejects.toThrow(/retained store is full \(1000 bytes\)/);
    expect(hub.stats()).toMatchObject({
      retained: 1,
      retainedBytes: "a2a/_presence/one".length + 900,
    });
    const late = createInbox();
    await client.subscribe("a2a/_presence/+", late.deliver);
    expect(late.received.map((m) => str(m.bytes).length)).toEqual([900]);
  });
});
