import { describe, expect, it } from "vitest";
import { connectClient, createInbox, startHub, str, text } from "./fixture.js";

describe("websocket hub routing", () => {
  it("delivers to exact, + and # subscriptions, and not to others", async () => {
    const hub = await startHub();
    const sender = await connectClient(hub, "sender");
    const receiver = await connectClient(hub, "receiver");
    const exact = createInbox();
    const plus = createInbox();
    const hash = createInbox();
    const other = createInbox();
    await receiver.subscribe("a2a/bob/request", exact.deliver);
    await receiver.subscribe("a2a/+/request", plus.deliver);
    await receiver.subscribe("a2a/#", hash.deliver);
    await receiver.subscribe("a2a/alice/+", other.deliver);

    await sender.publish("a2a/bob/request", text("one"));
    await sender.publish("a2a/carol/response", text("two"));

    expect(str((await exact.next()).bytes)).toBe("one");
    expect(str((await plus.next()).bytes)).toBe("one");
    expect(str((await hash.next()).bytes)).toBe("one");
    expect(str((await hash.next()).bytes)).toBe("two");
    // Both publishes were routed before their acks; anything misrouted would be here by now.
    expect(exact.bodies()).toEqual(["one"]);
    expect(plus.bodies()).toEqual(["one"]);
    expect(other.received).toHaveLength(0);
  });

  it("passes metadata through and flags live messages as not retained", async () => {
    const hub = await startHub();
    const sender = await connectClient(hub, "sender");
    const receiver = await connectClient(hub, "receiver");
    const inbox = createInbox();
    await receiver.subscribe("a2a/bob/request", inbox.deliver);
    await sender.publish("a2a/bob/request", text("{}"), {
      metadata: { "parley-version": "1", sig: "abc" },
    });
    const message = await inbox.next();
    expect(message.metadata).toEqual({ "parley-version": "1", sig: "abc" });
    expect(message.retained).toBe(false);
    expect(message.address).toBe("a2a/bob/request");
  });

  it("gives retained messages to later subscribers, and an empty retained body clears them", async () => {
    const hub = await startHub();
    const sender = await connectClient(hub, "sender");
    await sender.publish("a2a/_presence/alice", text("alice card"), {
      retain: true,
      metadata: { k: "v" },
    });
    await sender.publish("a2a/_presence/bob", text("bob card"), { retain: true });

    const late = await connectClient(hub, "late");
    const inbox = createInbox();
    await late.subscribe("a2a/_presence/+", inbox.deliver);
    // Retained messages arrive before subscribe() resolves.
    expect(inbox.bodies().sort()).toEqual(["alice card", "bob card"]);
    expect(inbox.received.every((m) => m.retained)).toBe(true);
    expect(inbox.received.find((m) => str(m.bytes) === "alice card")?.metadata).toEqual({ k: "v" });

    await sender.publish("a2a/_presence/alice", new Uint8Array(), { retain: true });
    const [, , cleared] = await inbox.until(3);
    expect(cleared?.address).toBe("a2a/_presence/alice");
    expect(cleared?.bytes.byteLength).toBe(0);

    const later = createInbox();
    await late.subscribe("a2a/_presence/+", later.deliver);
    expect(later.bodies()).toEqual(["bob card"]);
  });

  it("drops a retained message once its expiry has passed", async () => {
    const hub = await startHub();
    const sender = await connectClient(hub, "sender");
    await sender.publish("a2a/_presence/gone", text("expired"), { retain: true, expirySeconds: 0 });
    await sender.publish("a2a/_presence/kept", text("kept"), { retain: true, expirySeconds: 3600 });
    const inbox = createInbox();
    await sender.subscribe("a2a/_presence/#", inbox.deliver);
    expect(inbox.bodies()).toEqual(["kept"]);
  });

  it("splits a group's messages round robin, while plain subscribers get them all", async () => {
    const hub = await startHub();
    const sender = await connectClient(hub, "sender");
    const workers = [createInbox(), createInbox(), createInbox()];
    const anyWorker = createInbox();
    for (const [i, inbox] of workers.entries()) {
      const worker = await connectClient(hub, `worker-${i}`);
      await worker.subscribe(
        "a2a/jobs/+",
        (message) => {
          inbox.deliver(message);
          anyWorker.deliver(message);
        },
        { group: "workers" },
      );
    }
    const watcher = createInbox();
    await sender.subscribe("a2a/jobs/+", watcher.deliver);
    for (let n = 0; n < 9; n++) await sender.publish(`a2a/jobs/job${n}`, text(`job ${n}`));
    await watcher.until(9);
    await anyWorker.until(9);
    expect(workers.map((w) => w.received.length)).toEqual([3, 3, 3]);
    const all = workers.flatMap((w) => w.bodies()).sort();
    expect(all).toEqual(watcher.bodies().sort());
  });

  it("does not give retained messages to group subscriptions", async () => {
    const hub = await startHub();
    const sender = await connectClient(hub, "sender");
    await sender.publish("a2a/jobs/old", text("stored"), { retain: true });
    const grouped = createInbox();
    await sender.subscribe("a2a/jobs/+", grouped.deliver, { group: "g" });
    await sender.publish("a2a/jobs/new", text("live"));
    expect(str((await grouped.next()).bytes)).toBe("live");
    expect(grouped.bodies()).toEqual(["live"]);
  });

  it("stops delivering after unsubscribe", async () => {
    const hub = await startHub();
    const client = await connectClient(hub, "client");
    const gone = createInbox();
    const stays = createInbox();
    const subscription = await client.subscribe("a2a/x/+", gone.deliver);
    await client.subscribe("a2a/x/+", stays.deliver);
    await subscription.unsubscribe();
    await client.publish("a2a/x/y", text("after"));
    await stays.next();
    expect(gone.received).toHaveLength(0);
    expect(hub.stats().subscriptions).toBe(1);
  });
});
