import { isUtf8 } from "node:buffer";
import { describe, expect, it } from "vitest";
import type { PublishOptions } from "../../transports/transport.js";
import { decodeBody, encodeBody } from "../../transports/websocket/body-encoding.js";
import { parseClientFrame, parseHubFrame } from "../../transports/websocket/frame-parser.js";
import { frameData } from "../../transports/websocket/frame-serializer.js";
import type { ClientFrame, HubFrame } from "../../transports/websocket/frames.js";
import { createWebSocketTransport } from "../../transports/websocket/node.js";
import { createRetainedStore } from "../../transports/websocket/retained-store.js";
import {
  connectClient,
  createInbox,
  helloRawClient,
  onCleanup,
  startFakeHub,
  startHub,
  str,
  text,
} from "./fixture.js";

/** What JSON would escape, and text beyond ASCII. */
const BODY = '{"text":"line one\nline \\"two\\" é ✓ 🙂"}';

/** The frame's JSON without its body, as `JSON.stringify` writes it (undefined fields left out). */
function headerAsJson(frame: ClientFrame | HubFrame): unknown {
  const { body: _body, ...header } = frame as typeof frame & { body?: unknown };
  return JSON.parse(JSON.stringify(header));
}

const FRAMES: (ClientFrame | HubFrame)[] = [
  { type: "pub", address: "a2a/x/request", body: text(BODY) },
  {
    type: "pub",
    address: "a2a/é/request",
    body: text(BODY),
    retain: true,
    expirySeconds: 1.5,
    metadata: { 'say "hi"': "line\nbreak ✓", empty: "" },
    id: 'p"1',
    encoding: undefined,
  },
  { type: "pub", address: "a2a/x/y", body: "/w==", encoding: "base64", retain: false },
  {
    type: "msg",
    subs: ["s1"],
    address: "a2a/x/request",
    body: text(BODY),
    metadata: {},
    retained: false,
  },
  {
    type: "msg",
    subs: ["s1", 's"2', "s3"],
    address: "a2a/x/request",
    body: BODY,
    metadata: { k: "v" },
    retained: true,
  },
  {
    type: "msg",
    subs: [],
    address: "a/b",
    body: "AAE=",
    encoding: "base64",
    metadata: {},
    retained: false,
  },
];

describe("websocket frames as bytes (Node: bodies never become strings)", () => {
  it("writes each header line as the JSON of the frame without its body, the body after it as it was", () => {
    for (const frame of FRAMES) {
      const asBytes = frameData(frame, true);
      const asText = frameData(frame, false);
      expect(typeof asText).toBe("string");
      const decoded = typeof asBytes === "string" ? asBytes : str(asBytes);
      expect(decoded).toBe(asText);
      const newline = decoded.indexOf("\n");
      expect(JSON.parse(decoded.slice(0, newline))).toEqual(headerAsJson(frame));
      const body = (frame as { body: string | Uint8Array }).body;
      expect(decoded.slice(newline + 1)).toBe(typeof body === "string" ? body : str(body));
    }
  });

  it("reads frames given as bytes back to the same frames, a body after the header as bytes", () => {
    const pub = FRAMES[1] as ClientFrame;
    const parsedPub = parseClientFrame(frameData(pub, true));
    expect(parsedPub).toMatchObject({
      type: "pub",
      address: "a2a/é/request",
      id: 'p"1',
      retain: true,
    });
    expect(str(decodeBody(parsedPub as { body: Uint8Array }))).toBe(BODY);
    const msg = FRAMES[4] as HubFrame;
    const parsedMsg = parseHubFrame(text(frameData(msg, false) as string));
    expect(parsedMsg).toMatchObject({
      subs: ["s1", 's"2', "s3"],
      metadata: { k: "v" },
      retained: true,
    });
    expect((parsedMsg as { body: unknown }).body).toBeInstanceOf(Uint8Array);
  });

  it("refuses bytes that are not UTF-8 where text is expected, with a frame error", () => {
    const header = text('{"type":"pub","address":"a/b"}');
    const broken = new Uint8Array([...header.subarray(0, 5), 0xff, ...header.subarray(5)]);
    expect(() => parseClientFrame(broken)).toThrow(/not valid UTF-8/);
    const base64Garbage = new Uint8Array([
      ...text('{"type":"pub","address":"a/b","encoding":"base64"}\n'),
      0xff,
    ]);
    expect(() => parseClientFrame(base64Garbage)).toThrow(/not valid base64/);
  });

  it("keeps UTF-8 bytes as bytes only where the side sends bytes as text, base64 for the rest", () => {
    const utf8 = text(BODY);
    expect(encodeBody(utf8, isUtf8).body).toBe(utf8);
    expect(encodeBody(utf8)).toEqual({ body: BODY });
    const garbage = new Uint8Array([0xff, 0x0a]);
    expect(encodeBody(garbage, isUtf8)).toEqual({ body: "/wo=", encoding: "base64" });
    expect([...decodeBody(encodeBody(garbage, isUtf8))]).toEqual([0xff, 0x0a]);
  });

  it("stores a retained body that arrived as bytes as a copy of its own, not a view into the read buffer", () => {
    const store = createRetainedStore(10);
    // As `ws` reads: a Node Buffer, whose own `slice` would be a view.
    const readBuffer = Buffer.from(`xxxx${BODY}yyyy`);
    const body = readBuffer.subarray(4, readBuffer.byteLength - 4);
    store.put({ address: "a2a/_presence/x", body, metadata: {} }, undefined, true);
    readBuffer.fill(0);
    const [kept] = store.matching("a2a/_presence/+");
    const keptBody = kept?.body as Uint8Array;
    expect(str(keptBody)).toBe(BODY);
    expect(keptBody.buffer.byteLength).toBe(keptBody.byteLength);
  });

  it("in Node, ignores a binary message from the hub and goes on delivering text ones", async () => {
    const url = await startFakeHub((data, socket, welcome) => {
      const frame = JSON.parse(data.split("\n")[0] as string) as { type: string; id?: string };
      if (frame.type === "hello") socket.send(JSON.stringify(welcome));
      if (frame.type !== "sub") return;
      socket.send(JSON.stringify({ type: "ack", id: frame.id }));
      const header = {
        type: "msg",
        subs: [frame.id],
        address: "a2a/me/request",
        metadata: {},
        retained: false,
      };
      // The same frame as a binary message first: not a frame, so never delivered.
      socket.send(Buffer.from(`${JSON.stringify(header)}\nbinary`), { binary: true });
      socket.send(`${JSON.stringify(header)}\n${BODY}`);
    });
    const transport = createWebSocketTransport({ url });
    onCleanup(() => transport.close());
    await transport.connect({ clientId: "me" });
    const inbox = createInbox();
    await transport.subscribe("a2a/me/+", inbox.deliver);
    const [message] = await inbox.until(1);
    expect(str(message?.bytes as Uint8Array)).toBe(BODY);
  });

  it("refuses, as before, a publish whose retain flag or metadata is not what the protocol says (plain-JS callers)", async () => {
    const hub = await startHub();
    const sender = await connectClient(hub, "sender");
    const bad = [
      { retain: "yes" },
      { retain: 'false,"metadata":{}' },
      { metadata: null },
      { metadata: ["a"] },
    ] as unknown as PublishOptions[];
    for (const options of bad)
      await expect(
        sender.publish("a2a/x/request", text(BODY), { ...options, qos: 1 }),
      ).rejects.toThrow(/retain must be a boolean|metadata/);
    // The connection is still good.
    await sender.publish("a2a/x/request", text(BODY), {
      qos: 1,
      retain: false,
      metadata: { k: "v" },
    });
  });

  it("delivers plain Uint8Array views in Node, as every transport does, and keeps a leading BOM on every path", async () => {
    const hub = await startHub();
    const receiver = await connectClient(hub, "receiver");
    const inbox = createInbox();
    await receiver.subscribe("a2a/receiver/+", inbox.deliver);
    const v1 = await helloRawClient(hub.url, { clientId: "v1" });
    v1.send({ type: "sub", id: "s1", pattern: "a2a/receiver/+" });
    expect(await v1.next()).toEqual({ type: "ack", id: "s1" });
    const sender = await connectClient(hub, "sender");
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...text("{}")]);
    await sender.publish("a2a/receiver/request", withBom, { qos: 1 });
    const [message] = await inbox.until(1);
    const bytes = message?.bytes as Uint8Array;
    expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
    expect([...bytes]).toEqual([...withBom]);
    expect(await v1.next()).toMatchObject({ type: "msg", body: "\uFEFF{}" });
  });
});
