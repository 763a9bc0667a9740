import { describe, expect, it } from "vitest";
import {
  clientClosed,
  connectClient,
  createInbox,
  helloRawClient,
  startHub,
  str,
  text,
} from "./fixture.js";

const will = { address: "a2a/_presence/alice", body: "", retain: true };

describe("websocket hub Last Will", () => {
  it("publishes the will when the hub cuts a client (retained, empty body clears presence)", async () => {
    const hub = await startHub();
    const observer = await connectClient(hub, "observer");
    const alice = await connectClient(hub, "alice", { will });
    await alice.publish("a2a/_presence/alice", text("alice card"), { retain: true });
    const presence = createInbox();
    await observer.subscribe("a2a/_presence/+", presence.deliver);
    expect(presence.bodies()).toEqual(["alice card"]);

    const gone = clientClosed(hub, "alice");
    expect(hub.dropClient("alice")).toBe(true);
    expect((await gone).clean).toBe(false);
    const [, willMessage] = await presence.until(2);
    expect(willMessage?.address).toBe("a2a/_presence/alice");
    expect(willMessage?.bytes.byteLength).toBe(0);
    expect(hub.stats().retained).toBe(0);
  });

  it("publishes the will when the client's socket dies without a bye", async () => {
    const hub = await startHub();
    const observer = await connectClient(hub, "observer");
    const inbox = createInbox();
    await observer.subscribe("a2a/_presence/+", inbox.deliver);
    const raw = await helloRawClient(hub.url, {
      clientId: "crasher",
      will: { address: "a2a/_presence/crasher", body: "dead" },
    });
    raw.socket.terminate();
    const message = await inbox.next();
    expect(str(message.bytes)).toBe("dead");
    expect(message.address).toBe("a2a/_presence/crasher");
  });

  it("does not publish the will after a clean close", async () => {
    const hub = await startHub();
    const observer = await connectClient(hub, "observer");
    const inbox = createInbox();
    await observer.subscribe("a2a/_presence/+", inbox.deliver);
    const alice = await connectClient(hub, "alice", {
      will: { address: "a2a/_presence/alice", body: "dead" },
    });
    const gone = clientClosed(hub, "alice");
    await alice.close();
    expect((await gone).clean).toBe(true);
    // A will would have been queued to the observer before this marker.
    await observer.publish("a2a/_presence/marker", text("marker"));
    await inbox.next();
    expect(inbox.bodies()).toEqual(["marker"]);
  });

  it("cuts a client that stops answering pings, and publishes its will", async () => {
    const hub = await startHub({ pingIntervalMs: 50 });
    const observer = await connectClient(hub, "observer");
    const inbox = createInbox();
    await observer.subscribe("a2a/_presence/+", inbox.deliver);
    const raw = await helloRawClient(
      hub.url,
      { clientId: "silent", will: { address: "a2a/_presence/silent", body: "timed out" } },
      { autoPong: false },
    );
    expect(str((await inbox.next()).bytes)).toBe("timed out");
    await raw.closed;
    expect(hub.stats().pingTimeouts).toBeGreaterThanOrEqual(1);
  });

  it("a second connection with the same client id takes over, without the first one's will", async () => {
    const hub = await startHub();
    const observer = await connectClient(hub, "observer");
    const inbox = createInbox();
    await observer.subscribe("a2a/_presence/+", inbox.deliver);
    const first = await helloRawClient(hub.url, {
      clientId: "twin",
      will: { address: "a2a/_presence/twin", body: "dead" },
    });
    await helloRawClient(hub.url, { clientId: "twin" });
    expect(await first.closed).toBe(4409);
    await observer.publish("a2a/_presence/marker", text("marker"));
    await inbox.next();
    expect(inbox.bodies()).toEqual(["marker"]);
    expect(hub.stats().clients).toBe(2);
  });
});
