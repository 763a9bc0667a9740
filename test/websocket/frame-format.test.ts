import { describe, expect, it } from "vitest";
import { createWebSocketTransport } from "../../transports/websocket/node.js";
import type { RawClient } from "./fixture.js";
import {
  connectClient,
  createInbox,
  helloRawClient,
  onCleanup,
  openRawClient,
  startFakeHub,
  startHub,
  str,
  text,
} from "./fixture.js";

/** An envelope-like body with what JSON would escape: quotes, a newline, non-ASCII text. */
const BODY = '{"id":"1","text":"line one\nline \\"two\\" é ✓"}';

/** The next WebSocket message as it arrived, not parsed. */
function nextText(raw: RawClient): Promise<string> {
  return new Promise((resolve) => raw.socket.once("message", (data) => resolve(String(data))));
}

describe("websocket frame format 2: the body after the header line", () => {
  it("is what the hub sends a client that says frameFormat 2, the body untouched", async () => {
    const hub = await startHub();
    const raw = await helloRawClient(hub.url, { clientId: "reader2", frameFormat: 2 });
    raw.send({ type: "sub", id: "s1", pattern: "a2a/reader2/+" });
    expect(await raw.next()).toEqual({ type: "ack", id: "s1" });
    const sender = await connectClient(hub, "sender");
    const arriving = nextText(raw);
    await sender.publish("a2a/reader2/request", text(BODY), { qos: 1 });
    const frame = await arriving;
    const newline = frame.indexOf("\n");
    expect(JSON.parse(frame.slice(0, newline))).toEqual({
      type: "msg",
      subs: ["s1"],
      address: "a2a/reader2/request",
      metadata: {},
      retained: false,
    });
    expect(frame.slice(newline + 1)).toBe(BODY);
  });

  it("welcomes with frameFormat 2, and keeps format 1 (body inside the JSON) for a client that does not ask", async () => {
    const hub = await startHub();
    const raw = await helloRawClient(hub.url, { clientId: "reader1" });
    raw.send({ type: "sub", id: "s1", pattern: "a2a/reader1/+" });
    expect(await raw.next()).toEqual({ type: "ack", id: "s1" });
    const sender = await connectClient(hub, "sender");
    await sender.publish("a2a/reader1/request", text(BODY), { qos: 1 });
    expect(await raw.next()).toMatchObject({ type: "msg", body: BODY });

    const asker = await openRawClient(hub.url);
    asker.send({ type: "hello", clientId: "asker", frameFormat: 2 });
    expect(await asker.next()).toMatchObject({ type: "welcome", frameFormat: 2 });
  });

  it("takes a format-2 pub from a client and a format-1 pub from another, and delivers both bodies exactly", async () => {
    const hub = await startHub();
    const receiver = await connectClient(hub, "receiver");
    const inbox = createInbox();
    await receiver.subscribe("a2a/receiver/+", inbox.deliver);
    const v2 = await helloRawClient(hub.url, { clientId: "v2", frameFormat: 2 });
    v2.sendText(`{"type":"pub","address":"a2a/receiver/request","id":"p1"}\n${BODY}`);
    expect(await v2.next()).toEqual({ type: "ack", id: "p1" });
    const v1 = await helloRawClient(hub.url, { clientId: "v1" });
    v1.send({ type: "pub", address: "a2a/receiver/request", body: BODY, id: "p2" });
    expect(await v1.next()).toEqual({ type: "ack", id: "p2" });
    // An empty body after the newline is an empty body (it clears a retained message).
    v2.sendText('{"type":"pub","address":"a2a/receiver/error","id":"p3"}\n');
    expect(await v2.next()).toEqual({ type: "ack", id: "p3" });
    const got = await inbox.until(3);
    expect(got.map((m) => str(m.bytes))).toEqual([BODY, BODY, ""]);
  });

  it("carries bytes that are not UTF-8 between Parley transports (base64 after the header)", async () => {
    const hub = await startHub();
    const receiver = await connectClient(hub, "receiver");
    const inbox = createInbox();
    await receiver.subscribe("a2a/receiver/+", inbox.deliver);
    const sender = await connectClient(hub, "sender");
    const garbage = new Uint8Array([0xff, 0xfe, 0x0a, 0x00, 0x7b]);
    await sender.publish("a2a/receiver/request", garbage, { qos: 1 });
    expect([...(await inbox.next()).bytes]).toEqual([...garbage]);
  });

  it("sends format 1 to a hub whose welcome does not say frameFormat 2 (an older hub)", async () => {
    const received: string[] = [];
    let gotPub!: () => void;
    const pubArrived = new Promise<void>((resolve) => {
      gotPub = resolve;
    });
    // Its welcome does not say frameFormat 2.
    const url = await startFakeHub((data, socket, welcome) => {
      const frame = JSON.parse(data) as { type: string };
      received.push(data);
      if (frame.type === "hello") socket.send(JSON.stringify(welcome));
      if (frame.type === "pub") gotPub();
    });
    const transport = createWebSocketTransport({ url });
    onCleanup(() => transport.close());
    await transport.connect({ clientId: "new-client" });
    expect(JSON.parse(received[0] as string)).toMatchObject({ type: "hello", frameFormat: 3 });
    await transport.publish("a2a/old/request", text(BODY), { qos: 0 });
    await pubArrived;
    const pub = received[1] as string;
    expect(pub.includes("\n")).toBe(false);
    expect(JSON.parse(pub)).toMatchObject({ type: "pub", address: "a2a/old/request", body: BODY });
  });

  it("in format 2 refuses a body given twice and a header line that is not JSON; in format 1 takes JSON with raw newlines", async () => {
    const hub = await startHub();
    const v2 = await helloRawClient(hub.url, { clientId: "v2", frameFormat: 2 });
    v2.sendText('{"type":"pub","address":"a/b","body":"x","id":"p1"}\nmore');
    expect(await v2.next()).toMatchObject({
      type: "error",
      message: expect.stringMatching(/body both in the header and after it/),
    });
    v2.sendText('{"type":"sub",\n"id":"s1","pattern":"a/#"}');
    expect(await v2.next()).toMatchObject({
      type: "error",
      message: expect.stringMatching(/header \(its first line\) is not valid JSON/),
    });
    // Format 1: the whole text is JSON, pretty-printed or with a trailing newline.
    const v1 = await helloRawClient(hub.url, { clientId: "v1" });
    v1.sendText('{\n  "type": "sub",\n  "id": "s1",\n  "pattern": "a/#"\n}\n');
    expect(await v1.next()).toEqual({ type: "ack", id: "s1" });
    v1.sendText('{"type":"pub","address":"c/d","body":"x","id":"p2"}\n');
    expect(await v1.next()).toEqual({ type: "ack", id: "p2" });
  });
});
