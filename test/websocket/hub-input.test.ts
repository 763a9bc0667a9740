import { describe, expect, it } from "vitest";
import { createWebSocketTransport } from "../../transports/websocket/node.js";
import {
  clientClosed,
  connectClient,
  createInbox,
  helloRawClient,
  onCleanup,
  openRawClient,
  startHub,
  str,
  text,
} from "./fixture.js";

describe("websocket hub tokens", () => {
  it("refuses a missing or wrong token with close code 4401 and a clear error", async () => {
    const hub = await startHub({ tokens: ["s3cret"] });
    const raw = await openRawClient(hub.url);
    raw.send({ type: "hello", clientId: "intruder", frameFormat: 3, token: "guess" });
    expect(await raw.next()).toEqual({
      type: "error",
      message: "unauthorized: missing or refused token",
    });
    expect(await raw.closed).toBe(4401);

    const transport = createWebSocketTransport({ url: hub.url });
    onCleanup(() => transport.close());
    await expect(transport.connect({ clientId: "no-token" })).rejects.toThrow(
      /refused the connection: unauthorized: missing or refused token \(close code 4401\)/,
    );
    expect(hub.stats().clients).toBe(0);
  });

  it("accepts a listed token, or one a check function approves", async () => {
    const listed = await startHub({ tokens: ["s3cret"] });
    await connectClient(listed, "friend", { token: "s3cret" });
    expect(listed.stats().clients).toBe(1);

    const checked = await startHub({ tokens: (token) => token?.startsWith("ok-") === true });
    await connectClient(checked, "friend", { token: "ok-1" });
    const transport = createWebSocketTransport({ url: checked.url, token: "nope" });
    onCleanup(() => transport.close());
    await expect(transport.connect({ clientId: "foe" })).rejects.toThrow(/4401/);
  });
});

describe("websocket hub bad input", () => {
  const bad: [string, string, RegExp][] = [
    ["not JSON", "{nope", /not valid JSON/],
    ["a JSON array", "[1,2]", /must be a JSON object/],
    ["an unknown type", '{"type":"launch"}', /unknown frame type "launch"/],
    ["pub without body", '{"type":"pub","address":"a2a/x/y"}', /body must be a string/],
    [
      "pub with a wildcard address",
      '{"type":"pub","address":"a2a/+/y","body":"x"}',
      /invalid address/,
    ],
    [
      "pub with numeric metadata",
      '{"type":"pub","address":"a/b","body":"x","metadata":{"k":1}}',
      /metadata.k must be a string/,
    ],
    [
      "pub with negative expiry",
      '{"type":"pub","address":"a/b","body":"x","expirySeconds":-1}',
      /expirySeconds/,
    ],
    [
      "sub with # in the middle",
      '{"type":"sub","id":"s1","pattern":"a/#/b"}',
      /"#" must be the last level/,
    ],
    ["sub without id", '{"type":"sub","pattern":"a/b"}', /id must be a string/],
    [
      "an unknown body encoding",
      '{"type":"pub","address":"a/b","body":"x","encoding":"hex"}',
      /encoding must be "base64"/,
    ],
    [
      "a body that is not base64",
      '{"type":"pub","address":"a/b","body":"!!","encoding":"base64"}',
      /not valid base64/,
    ],
    ["a second hello", '{"type":"hello","clientId":"again"}', /hello was already sent/],
  ];

  it.each(bad)(
    "answers %s with an error frame and keeps the connection",
    async (_what, frame, reason) => {
      const hub = await startHub();
      const raw = await helloRawClient(hub.url, { clientId: "fuzzer" });
      raw.sendText(frame);
      const answer = await raw.next();
      expect(answer.type).toBe("error");
      expect(String(answer.message)).toMatch(reason);
      // Still served on the same connection.
      raw.send({ type: "sub", id: "ok", pattern: "a2a/#" });
      expect(await raw.next()).toEqual({ type: "ack", id: "ok" });
    },
  );

  it("names the failing frame's id in the error", async () => {
    const hub = await startHub();
    const raw = await helloRawClient(hub.url, { clientId: "fuzzer" });
    raw.send({ type: "sub", id: "s9", pattern: "a/+b" });
    expect(await raw.next()).toMatchObject({ type: "error", id: "s9" });
  });

  it("closes a connection whose first frame is not a valid hello (4400), after saying why", async () => {
    const hub = await startHub();
    const early = await openRawClient(hub.url);
    early.send({ type: "pub", address: "a2a/x/y", body: "early" });
    expect(String((await early.next()).message)).toMatch(/"pub" before "hello": say hello first/);
    expect(await early.closed).toBe(4400);

    const badHello = await openRawClient(hub.url);
    badHello.send({ type: "hello", clientId: 42 });
    expect(String((await badHello.next()).message)).toMatch(/clientId must be a string/);
    expect(await badHello.closed).toBe(4400);

    const badFormat = await openRawClient(hub.url);
    badFormat.send({ type: "hello", clientId: "x", frameFormat: "2" });
    expect(String((await badFormat.next()).message)).toMatch(
      /frameFormat must be a positive integer/,
    );
    expect(await badFormat.closed).toBe(4400);

    const transport = createWebSocketTransport({ url: hub.url });
    onCleanup(() => transport.close());
    const will = { address: "a2a/+/bad", bytes: text("x") };
    await expect(transport.connect({ clientId: "c", will })).rejects.toThrow(/invalid address/);
  });

  it("closes a connection that never says hello", async () => {
    const hub = await startHub({ helloTimeoutMs: 50 });
    const silent = await openRawClient(hub.url);
    expect(String((await silent.next()).message)).toMatch(/no hello within 50 ms/);
    expect(await silent.closed).toBe(4400);
  });

  it("refuses binary frames", async () => {
    const hub = await startHub();
    const raw = await helloRawClient(hub.url, { clientId: "binary" });
    raw.socket.send(new Uint8Array([1, 2, 3]));
    expect(String((await raw.next()).message)).toMatch(/binary frames are not supported/);
  });

  it("keeps serving everyone else while a client sends garbage", async () => {
    const hub = await startHub({ maxFrameBytes: 4096 });
    const sender = await connectClient(hub, "sender");
    const inbox = createInbox();
    await sender.subscribe("a2a/ok/+", inbox.deliver);
    const raw = await helloRawClient(hub.url, { clientId: "fuzzer" });
    for (const [, frame] of bad) raw.sendText(frame);
    for (const _ of bad) expect((await raw.next()).type).toBe("error");
    raw.sendText(JSON.stringify({ type: "pub", address: "a2a/ok/big", body: "x".repeat(8192) }));
    expect(await raw.closed).toBe(1009);
    await sender.publish("a2a/ok/after", text("still here"));
    expect(str((await inbox.next()).bytes)).toBe("still here");
    expect(hub.stats().badFrames).toBe(bad.length);
  });

  it("rejects a publish larger than the hub's frame limit on the client side", async () => {
    const hub = await startHub({ maxFrameBytes: 4096 });
    const client = await connectClient(hub, "client");
    await expect(client.publish("a2a/x/y", text("x".repeat(8192)))).rejects.toThrow(
      /exceeds the hub's limit of 4096/,
    );
    await client.publish("a2a/x/y", text("small"));
  });

  it("carries bytes that are not UTF-8 unchanged (as base64), live and retained", async () => {
    const hub = await startHub();
    const client = await connectClient(hub, "client");
    const inbox = createInbox();
    await client.subscribe("a2a/bin/+", inbox.deliver);
    const garbage = new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x80]);
    await client.publish("a2a/bin/live", garbage, { retain: true });
    expect([...(await inbox.next()).bytes]).toEqual([...garbage]);
    const late = createInbox();
    await client.subscribe("a2a/bin/+", late.deliver);
    expect([...(late.received[0]?.bytes ?? [])]).toEqual([...garbage]);
  });
});

describe("websocket hub limits", () => {
  it("refuses subscriptions beyond the per-client limit, and retained messages beyond the store's", async () => {
    const hub = await startHub({ maxSubscriptionsPerClient: 2, maxRetainedMessages: 1 });
    const client = await connectClient(hub, "client");
    await client.subscribe("a/1", () => {});
    await client.subscribe("a/2", () => {});
    await expect(client.subscribe("a/3", () => {})).rejects.toThrow(
      /too many subscriptions \(limit 2\)/,
    );

    await client.publish("a2a/_presence/one", text("kept"), { retain: true });
    await expect(client.publish("a2a/_presence/two", text("x"), { retain: true })).rejects.toThrow(
      /retained store is full \(1 addresses\)/,
    );
    // Replacing or clearing a stored address is always possible.
    await client.publish("a2a/_presence/one", text("replaced"), { retain: true });
    await client.publish("a2a/_presence/one", new Uint8Array(), { retain: true });
    await client.publish("a2a/_presence/two", text("now fits"), { retain: true });
    expect(hub.stats().retained).toBe(1);
  });

  it("does not acknowledge a QoS 0 publish, as MQTT does not: a refused one is not reported back", async () => {
    const hub = await startHub({ maxRetainedMessages: 1 });
    const client = await connectClient(hub, "client");
    await client.publish("a2a/_presence/one", text("kept"), { retain: true });
    await expect(
      client.publish("a2a/_presence/two", text("x"), { retain: true, qos: 1 }),
    ).rejects.toThrow(/retained store is full/);
    await expect(
      client.publish("a2a/_presence/two", text("x"), { retain: true, qos: 0 }),
    ).resolves.toBeUndefined();
    // The hub refused it all the same.
    expect(hub.stats().retained).toBe(1);
  });

  it("closes a connection beyond maxConnections at once (1013), and takes one again when a slot is free", async () => {
    const hub = await startHub({ maxConnections: 1 });
    const first = await connectClient(hub, "first");
    const turnedAway = createWebSocketTransport({ url: hub.url, reconnectDelayMs: false });
    onCleanup(() => turnedAway.close());
    await expect(turnedAway.connect({ clientId: "second" })).rejects.toThrow(
      /hub is full: try again later \(close code 1013\)/,
    );
    expect(hub.stats()).toMatchObject({ connections: 1, refusedConnections: 1 });
    const gone = clientClosed(hub, "first");
    await first.close();
    await gone;
    await connectClient(hub, "third");
    expect(hub.stats().clients).toBe(1);
  });
});
