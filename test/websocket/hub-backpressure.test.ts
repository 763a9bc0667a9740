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

const MAX_BUFFERED = 256 * 1024;
const BODY = "x".repeat(64 * 1024);
/** A msg frame for BODY with its JSON wrapping: the most one frame adds beyond the limit. */
const FRAME_ALLOWANCE = BODY.length + 1024;

describe("websocket hub backpressure", () => {
  it("drops messages for a consumer that stops reading, keeping its queue bounded, while others get everything", async () => {
    const hub = await startHub({ maxBufferedBytes: MAX_BUFFERED, pingIntervalMs: 0 });
    const slow = await helloRawClient(hub.url, { clientId: "slow" });
    slow.send({ type: "sub", id: "all", pattern: "a2a/flood/#" });
    expect(await slow.next()).toEqual({ type: "ack", id: "all" });
    slow.socket.pause(); // stops reading: the kernel buffers fill, then the hub's queue

    const fast = await connectClient(hub, "fast");
    const inbox = createInbox();
    await fast.subscribe("a2a/flood/#", inbox.deliver);
    const publisher = await connectClient(hub, "publisher");

    let sent = 0;
    // Loopback socket buffers hold a few MB; the hub's own queue fills after them.
    while (hub.stats().dropped === 0) {
      if (sent >= 2_000) throw new Error(`no message dropped after ${sent} messages of 64 KiB`);
      await publisher.publish(`a2a/flood/${sent++}`, text(BODY));
      expect(hub.stats().maxClientBufferedBytes).toBeLessThanOrEqual(
        MAX_BUFFERED + FRAME_ALLOWANCE,
      );
    }
    const dropsBefore = hub.stats().dropped;
    for (let i = 0; i < 100; i++) {
      await publisher.publish(`a2a/flood/${sent++}`, text(BODY));
      expect(hub.stats().maxClientBufferedBytes).toBeLessThanOrEqual(
        MAX_BUFFERED + FRAME_ALLOWANCE,
      );
    }
    // Nothing more reaches a consumer that reads nothing: every further message was dropped.
    expect(hub.stats().dropped - dropsBefore).toBe(100);
    await inbox.until(sent);
    expect(inbox.received).toHaveLength(sent);
  });

  it("cuts a client so far behind that the answers to its own requests do not fit", async () => {
    const hub = await startHub({ maxBufferedBytes: MAX_BUFFERED, pingIntervalMs: 0 });
    const observer = await connectClient(hub, "observer");
    const presence = createInbox();
    await observer.subscribe("a2a/_presence/+", presence.deliver);
    const slow = await helloRawClient(hub.url, {
      clientId: "slow",
      will: { address: "a2a/_presence/slow", body: "cut" },
    });
    slow.send({ type: "sub", id: "all", pattern: "a2a/flood/#" });
    expect(await slow.next()).toEqual({ type: "ack", id: "all" });
    slow.socket.pause();
    const publisher = await connectClient(hub, "publisher");
    for (let sent = 0; hub.stats().dropped === 0; sent++) {
      if (sent >= 2_000) throw new Error(`no message dropped after ${sent} messages of 64 KiB`);
      await publisher.publish(`a2a/flood/${sent}`, text(BODY));
    }
    const gone = clientClosed(hub, "slow");
    // Requests keep coming while the client reads nothing: their answers fill the last of its
    // queue (at most one message, 64 KiB, was free), then it is cut. Refused ones, since each
    // gets an `error` of its own (~100 bytes) while one `ack` answers all the frames of a read.
    for (let i = 0; i < 10_000; i++) {
      slow.send({ type: "pub", id: `p${i}`, address: "a2a/+/thing", body: "needs an answer" });
    }
    expect(await gone).toEqual({ clientId: "slow", clean: false });
    expect(hub.stats().slowDisconnects).toBe(1);
    expect(str((await presence.next()).bytes)).toBe("cut");
  });

  it("gives a reading client every retained message on subscribe, even past its buffer limit in all", async () => {
    const limit = 64 * 1024;
    const hub = await startHub({ maxBufferedBytes: limit, pingIntervalMs: 0 });
    const publisher = await connectClient(hub, "cards");
    const card = "c".repeat(100);
    // 1,000 cards of ~200 bytes of frame each: three times the limit, sent in one go.
    for (let i = 0; i < 1000; i++)
      await publisher.publish(`a2a/_presence/agent-${i}`, text(card), { retain: true });
    const reader = await connectClient(hub, "newcomer");
    const inbox = createInbox();
    await reader.subscribe("a2a/_presence/+", inbox.deliver);
    await inbox.until(1000);
    expect(inbox.received).toHaveLength(1000);
    expect(hub.stats()).toMatchObject({ dropped: 0, slowDisconnects: 0 });
  });
});
