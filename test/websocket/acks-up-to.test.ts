import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { createWebSocketTransport } from "../../transports/websocket/node.js";
import {
  connectClient,
  createInbox,
  helloRawClient,
  onCleanup,
  type RawClient,
  startHub,
  text,
  waitForStatus,
} from "./fixture.js";

/** Sends frames in one write, so that the hub reads them at once. */
function sendTogether(raw: RawClient, frames: unknown[]): void {
  const socket = (raw.socket as unknown as { _socket: { cork(): void; uncork(): void } })._socket;
  socket.cork();
  for (const frame of frames) raw.send(frame);
  socket.uncork();
}

/** Every frame that arrives until the hub has been quiet for a moment: the ack frames. */
async function acksUntil(raw: RawClient, lastId: string): Promise<string[]> {
  const ids: string[] = [];
  for (;;) {
    const frame = await raw.next();
    if (frame.type !== "ack") continue;
    ids.push(String(frame.id));
    if (frame.id === lastId) return ids;
  }
}

const pubs = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    type: "pub",
    address: "a2a/nobody/request",
    body: "{}",
    id: `${prefix}${i}`,
  }));

describe("websocket acks: one ack for the frames of one read", () => {
  it("acknowledges a burst of publishes with one ack naming the last", async () => {
    const hub = await startHub();
    const v3 = await helloRawClient(hub.url, { clientId: "v3", frameFormat: 3 });
    sendTogether(v3, pubs("p", 20));
    const acks = await acksUntil(v3, "p19");
    expect(acks.length).toBeLessThan(20);
    expect(acks.at(-1)).toBe("p19");
  });

  it("settles each publish of a burst, a refused one with its error, over the Node transport", async () => {
    const hub = await startHub({ maxRetainedMessages: 1 });
    const receiver = await connectClient(hub, "receiver");
    const inbox = createInbox();
    await receiver.subscribe("a2a/receiver/+", inbox.deliver);
    const sender = await connectClient(hub, "sender");
    const outcomes = await Promise.allSettled([
      sender.publish("a2a/receiver/a", text("1"), { qos: 1, retain: true }),
      sender.publish("a2a/receiver/b", text("2"), { qos: 1, retain: true }), // the store is full
      ...Array.from({ length: 30 }, (_, i) =>
        sender.publish("a2a/receiver/c", text(`${i}`), { qos: 1 }),
      ),
    ]);
    expect(outcomes[0]?.status).toBe("fulfilled");
    expect(outcomes[1]).toMatchObject({
      status: "rejected",
      reason: { message: /retained store is full/ },
    });
    expect(outcomes.slice(2).every((o) => o.status === "fulfilled")).toBe(true);
    expect((await inbox.until(31)).length).toBe(31);
  });

  it("answers the frames before a bye in the same read before it closes", async () => {
    const hub = await startHub();
    const v3 = await helloRawClient(hub.url, { clientId: "leaving", frameFormat: 3 });
    sendTogether(v3, [...pubs("b", 3), { type: "bye" }]);
    const acks = await acksUntil(v3, "b2");
    expect(acks.at(-1)).toBe("b2");
    expect(await v3.closed).toBe(1000);
  });

  it("unsubscribes while the subscription is being restored after a reconnect, and resumes", async () => {
    const hub = await startHub();
    let connections = 0;
    let onRestoringSub: (() => void) | undefined;
    /** Calls `onRestoringSub` as the second connection sends its first `sub` (a restored one). */
    class Watched extends WebSocket {
      constructor(url: string) {
        super(url);
        connections++;
      }
      override send(data: unknown, ...rest: unknown[]): void {
        const textOf = typeof data === "string" ? data : String(data);
        if (connections === 2 && textOf.includes('"type":"sub"') && onRestoringSub) {
          queueMicrotask(onRestoringSub);
          onRestoringSub = undefined;
        }
        (super.send as (...args: unknown[]) => void)(data, ...rest);
      }
    }
    const transport = createWebSocketTransport({
      url: hub.url,
      WebSocket: Watched,
      reconnectDelayMs: 20,
    });
    onCleanup(() => transport.close());
    await transport.connect({ clientId: "resuming" });
    const kept = createInbox();
    const dropped = await transport.subscribe("a2a/resuming/x", () => {});
    await transport.subscribe("a2a/resuming/y", kept.deliver);
    let unsubscribed: Promise<void> | undefined;
    onRestoringSub = () => {
      unsubscribed = dropped.unsubscribe();
    };
    const resumed = waitForStatus(transport, (s) => s.state === "connected" && s.resumed === true);
    hub.dropClient("resuming");
    await resumed;
    expect(unsubscribed).toBeDefined();
    await unsubscribed;
    // The hub dropped the subscription too: only the kept one is left.
    expect(hub.stats().subscriptions).toBe(1);
    await transport.publish("a2a/resuming/y", text("still here"), { qos: 1 });
    expect((await kept.until(1)).length).toBe(1);
  });
});
