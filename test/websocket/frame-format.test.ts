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

describe("websocket frames: the body after the header line", () => {
  it("is what the hub sends a client, the body untouched", async () => {
    const hub = await startHub();
    const raw = await helloRawClient(hub.url, { clientId: "reader2" });
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

  it("takes a pub with its body after the header and one with its body in the JSON, and delivers both bodies exactly", async () => {
    const hub = await startHub();
    const receiver = await connectClient(hub, "receiver");
    const inbox = createInbox();
    await receiver.subscribe("a2a/receiver/+", inbox.deliver);
    const v2 = await helloRawClient(hub.url, { clientId: "v2" });
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

  it("refuses a body given twice and a header line that is not JSON", async () => {
    const hub = await startHub();
    const v2 = await helloRawClient(hub.url, { clientId: "v2" });
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
  });
});

describe("websocket frame format: one, stated in hello and welcome", () => {
  it("refuses a client of another frame format with a reason that says what to upgrade (4400)", async () => {
    const hub = await startHub();
    const cases: [unknown, RegExp][] = [
      [undefined, /the client said no frame format .*: upgrade parley-a2a on the client/],
      [1, /the client said frame format 1: upgrade parley-a2a on the client/],
      [2, /the client said frame format 2: upgrade parley-a2a on the client/],
      [4, /the client said frame format 4: upgrade parley-a2a on the hub/],
    ];
    for (const [frameFormat, reason] of cases) {
      const raw = await openRawClient(hub.url);
      raw.send({ type: "hello", clientId: "old", frameFormat });
      const answer = await raw.next();
      expect(answer.type).toBe("error");
      expect(String(answer.message)).toMatch(/^hub speaks frame format 3, /);
      expect(String(answer.message)).toMatch(reason);
      expect(await raw.closed).toBe(4400);
    }
    expect(hub.stats().clients).toBe(0);
  });

  it("says frame format 3 in its hello, and refuses a hub that does not say it back, leaving with a bye", async () => {
    for (const [frameFormat, said] of [
      [2, "frame format 2"],
      [undefined, "no frame format"],
    ] as const) {
      const received: Record<string, unknown>[] = [];
      let gotBye!: () => void;
      const byeArrived = new Promise<void>((resolve) => {
        gotBye = resolve;
      });
      const url = await startFakeHub(
        (data, socket, welcome) => {
          const frame = JSON.parse(data) as Record<string, unknown>;
          received.push(frame);
          if (frame.type === "hello") socket.send(JSON.stringify(welcome));
          if (frame.type === "bye") gotBye();
        },
        { frameFormat },
      );
      const transport = createWebSocketTransport({ url });
      onCleanup(() => transport.close());
      const connecting = transport.connect({ clientId: "new-client" });
      await expect(connecting).rejects.toThrow(
        `cannot be used: client speaks frame format 3, the hub said ${said}`,
      );
      await expect(connecting).rejects.toMatchObject({
        name: "HubConnectionError",
        final: true,
        message: expect.stringMatching(/upgrade parley-a2a on the hub$/),
      });
      await byeArrived;
      expect(received[0]).toMatchObject({ type: "hello", frameFormat: 3 });
    }
  });
});
