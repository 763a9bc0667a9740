/**
 * The NATS transport against a private nats-server: wildcards, metadata as headers, queue
 * groups, escaping of awkward agent ids, and what it refuses. Where a test must show that a
 * message did NOT arrive, the publisher sends a sentinel afterwards: NATS keeps one publisher's
 * messages in order towards each subscribing connection, so once the sentinel is in, anything
 * published before it that was going to arrive has arrived.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { matchesPattern } from "../../transports/address-pattern.js";
import { createNatsTransport } from "../../transports/nats/index.js";
import { type NatsServer, startNatsServer } from "../harness/nats-server.js";
import { messageSink } from "../harness/transport-probes.js";
import { bytes, testTransports, text } from "./nats-test-transports.js";

let server: NatsServer;
const { connected, closeAll } = testTransports(() => ({ url: server.url }));

beforeAll(async () => {
  server = await startNatsServer();
});
afterEach(async () => {
  await closeAll();
});
afterAll(async () => {
  await server?.stop();
});

describe("NATS transport on a private nats-server", () => {
  it("declares what NATS core offers", async () => {
    const transport = await connected("features");
    expect(transport.features).toEqual({
      retained: false,
      lastWill: false,
      groups: true,
      metadata: true,
      expiry: false,
    });
  });

  it("delivers exactly what MQTT-style wildcard patterns match", async () => {
    const subscriber = await connected("sub");
    const publisher = await connected("pub");
    const patterns = ["a2a/+/request", "a2a/bob/#", "a2a/#", "#", "a2a/bob/+", "a2a/+", "other/#"];
    const sinks = patterns.map(() => messageSink());
    for (const [i, pattern] of patterns.entries()) {
      await subscriber.subscribe(pattern, sinks[i]!.deliver);
    }
    const addresses = [
      "a2a/alice/request",
      "a2a/bob/response",
      "a2a/bob",
      "a2a/bob/x/y",
      "other/x",
      "a2a",
    ];
    for (const address of addresses) await publisher.publish(address, bytes(address));
    const sentinel = "a2a/zed/request/end";
    await publisher.publish(sentinel, bytes("end"));
    // All subscriptions share one connection: once "#" has the sentinel, every sink has all
    // it will ever get.
    const everything = sinks[patterns.indexOf("#")]!;
    await everything.count(addresses.length + 1);

    for (const [i, pattern] of patterns.entries()) {
      const expected = [...addresses, sentinel].filter((a) => matchesPattern(pattern, a));
      expect(sinks[i]!.messages.map((m) => m.address)).toEqual(expected);
      for (const message of sinks[i]!.messages) {
        if (message.address !== sentinel) expect(text(message.bytes)).toBe(message.address);
        expect(message.retained).toBe(false);
      }
    }
  });

  it("catches up on messages only from a completed subscribe on, without waiting", async () => {
    const subscriber = await connected("sub");
    const publisher = await connected("pub");
    const sink = messageSink();
    // subscribe() resolves after the server has the interest: a publish from another
    // connection right afterwards is delivered.
    await subscriber.subscribe("a2a/late/+", sink.deliver);
    await publisher.publish("a2a/late/request", bytes("hello"));
    expect(text((await sink.next()).bytes)).toBe("hello");
  });

  it("carries bytes unchanged, empty and binary included", async () => {
    const transport = await connected("bytes");
    const sink = messageSink();
    await transport.subscribe("a2a/bin/+", sink.deliver);
    const binary = Uint8Array.from({ length: 256 }, (_, i) => i);
    await transport.publish("a2a/bin/one", binary);
    await transport.publish("a2a/bin/two", new Uint8Array(0));
    const [one, two] = await sink.count(2);
    expect(one!.bytes).toEqual(binary);
    expect(two!.bytes).toEqual(new Uint8Array(0));
  });

  it("carries metadata as headers, both ways", async () => {
    const subscriber = await connected("sub");
    const publisher = await connected("pub");
    const sink = messageSink();
    await subscriber.subscribe("a2a/meta/+", sink.deliver);
    const metadata = {
      "parley-version": "1",
      "X-Signature": "c2lnbmF0dXJl==",
      note: "ünïcødé inside",
    };
    await publisher.publish("a2a/meta/request", bytes("{}"), { metadata, qos: 1 });
    await publisher.publish("a2a/meta/plain", bytes("{}"));
    expect((await sink.next()).metadata).toEqual(metadata);
    expect((await sink.next()).metadata).toEqual({});
  });

  it("refuses metadata NATS headers would alter", async () => {
    const transport = await connected("bad-meta");
    await expect(
      transport.publish("a2a/x/y", bytes("."), { metadata: { "a b": "1" } }),
    ).rejects.toThrow(TypeError);
    await expect(
      transport.publish("a2a/x/y", bytes("."), { metadata: { k: "line\nbreak" } }),
    ).rejects.toThrow(/line breaks/);
    await expect(
      transport.publish("a2a/x/y", bytes("."), { metadata: { k: " padded" } }),
    ).rejects.toThrow(/whitespace/);
  });

  it("splits a queue group's messages between its members, each message exactly once", async () => {
    const members = await Promise.all([connected("w1"), connected("w2"), connected("w3")]);
    const observer = await connected("observer");
    const publisher = await connected("pub");
    const sinks = members.map(() => messageSink());
    const sentinels = members.map(() => messageSink());
    for (const [i, member] of members.entries()) {
      await member.subscribe("a2a/+/job", sinks[i]!.deliver, { group: "workers" });
      await member.subscribe("a2a/control/end", sentinels[i]!.deliver);
    }
    const everything = messageSink();
    await observer.subscribe("a2a/+/job", everything.deliver);

    const total = 60;
    for (let i = 0; i < total; i++)
      await publisher.publish(`a2a/agent${i % 4}/job`, bytes(String(i)));
    await publisher.publish("a2a/control/end", bytes("end"));
    await Promise.all(sentinels.map((s) => s.next()));

    const received = sinks.flatMap((s) => s.messages.map((m) => text(m.bytes)));
    expect(received.sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: total }, (_, i) => String(i)),
    );
    for (const sink of sinks) expect(sink.messages.length).toBeGreaterThan(0);
    // A subscriber outside the group still sees everything.
    expect(await everything.count(total)).toHaveLength(total);
  });

  it("keeps groups apart from each other and from different patterns", async () => {
    const a = await connected("a");
    const b = await connected("b");
    const publisher = await connected("pub");
    const sinkA = messageSink();
    const sinkB = messageSink();
    await a.subscribe("a2a/shared/#", sinkA.deliver, { group: "group.one" });
    await b.subscribe("a2a/shared/#", sinkB.deliver, { group: "group two" });
    await publisher.publish("a2a/shared", bytes("parent"));
    await publisher.publish("a2a/shared/x", bytes("child"));
    // Each group gets each message once, the parent level included (MQTT # semantics).
    expect((await sinkA.count(2)).map((m) => m.address)).toEqual(["a2a/shared", "a2a/shared/x"]);
    expect((await sinkB.count(2)).map((m) => m.address)).toEqual(["a2a/shared", "a2a/shared/x"]);
  });

  it("routes awkward agent ids exactly, end to end", async () => {
    const ids = ["node.eu-1", "a*b", "x>y", "100%", "a%2Eb", "ünï.cødé", "$SYS"];
    const transport = await connected("awkward");
    const any = messageSink();
    await transport.subscribe("a2a/+/request", any.deliver);
    const inboxes = ids.map(() => messageSink());
    for (const [i, id] of ids.entries())
      await transport.subscribe(`a2a/${id}/+`, inboxes[i]!.deliver);
    // Without escaping, `node.eu-1` would be two levels and land under `a2a/node/#`.
    const node = messageSink();
    await transport.subscribe("a2a/node/#", node.deliver);

    for (const id of ids) await transport.publish(`a2a/${id}/request`, bytes(id));
    await transport.publish("a2a/node/request", bytes("node"));

    const all = await any.count(ids.length + 1);
    expect(all.map((m) => m.address)).toEqual([
      ...ids.map((id) => `a2a/${id}/request`),
      "a2a/node/request",
    ]);
    for (const [i, id] of ids.entries()) {
      const message = await inboxes[i]!.next();
      expect(message.address).toBe(`a2a/${id}/request`);
      expect(text(message.bytes)).toBe(id);
    }
    expect(node.messages.map((m) => m.address)).toEqual(["a2a/node/request"]);
    for (const inbox of inboxes) expect(inbox.messages).toHaveLength(1);
  });

  it("ignores messages on subjects no logical address maps to", async () => {
    const transport = await connected("foreign");
    const sink = messageSink();
    await transport.subscribe("a2a/+/request", sink.deliver);
    // A non-Parley NATS client publishing a malformed escape.
    transport.connection!.publish("a2a.bad%zz.request", bytes("foreign"));
    await transport.publish("a2a/good/request", bytes("ours"));
    expect((await sink.next()).address).toBe("a2a/good/request");
    expect(sink.messages).toHaveLength(1);
  });

  it("stops delivering after unsubscribe", async () => {
    const transport = await connected("unsub");
    const gone = messageSink();
    const still = messageSink();
    const subscription = await transport.subscribe("a2a/u/+", gone.deliver);
    await transport.subscribe("a2a/u/+", still.deliver);
    await transport.publish("a2a/u/one", bytes("1"));
    await gone.next();
    await subscription.unsubscribe();
    await subscription.unsubscribe();
    await transport.publish("a2a/u/two", bytes("2"));
    await still.count(2);
    expect(gone.messages.map((m) => m.address)).toEqual(["a2a/u/one"]);
  });

  it("refuses retained messages instead of sending them unretained", async () => {
    const transport = await connected("retain");
    await expect(
      transport.publish("a2a/_presence/me", bytes("card"), { retain: true }),
    ).rejects.toThrow(/cannot retain messages/);
  });

  it("hands out bytes that stay as delivered while later messages arrive", async () => {
    // The transport passes on views into nats.js's read chunks instead of copying each message:
    // a subscriber that keeps them must still see what was sent, for small messages read many
    // to a chunk and for large ones split over several reads.
    const subscriber = await connected("sub");
    const publisher = await connected("pub");
    const sink = messageSink();
    await subscriber.subscribe("a2a/keep/+", sink.deliver);
    const sizes = [1, 100, 70_000, 3, 200_000, 500, 65_536, 7];
    const sent = Array.from({ length: 300 }, (_, i) => {
      const size = sizes[i % sizes.length] as number;
      return `${i}:`.padEnd(size, String.fromCharCode(97 + (i % 26)));
    });
    for (const [i, body] of sent.entries()) void publisher.publish(`a2a/keep/m${i}`, bytes(body));
    const received = await sink.count(sent.length);
    expect(received.map((m) => text(m.bytes))).toEqual(sent);
    expect(received.every((m) => m.bytes.constructor === Uint8Array)).toBe(true);
  });

  it("rejects a message larger than the server's max_payload with a clear error", async () => {
    const transport = await connected("big");
    const max = transport.connection!.info!.max_payload;
    await expect(transport.publish("a2a/big/request", new Uint8Array(max + 1))).rejects.toThrow(
      `message of ${max + 1} bytes to "a2a/big/request" exceeds the server's max_payload of ${max} bytes`,
    );
  });

  it("refuses invalid addresses and patterns", async () => {
    const transport = await connected("invalid");
    await expect(transport.publish("a2a/+/x", bytes("."))).rejects.toThrow(/invalid address/);
    await expect(transport.subscribe("a2a/#/x", () => {})).rejects.toThrow(
      /must be the last level/,
    );
  });

  it("refuses to work before connect and after close, and closes once", async () => {
    const transport = createNatsTransport({ url: server.url });
    await expect(transport.publish("a2a/x/y", bytes("."))).rejects.toThrow(/not connected/);
    await expect(transport.subscribe("a2a/x/+", () => {})).rejects.toThrow(/not connected/);
    await transport.connect({ clientId: "once" });
    await expect(transport.connect({ clientId: "once" })).rejects.toThrow(/already connected/);
    const states: string[] = [];
    transport.onStatus((s) => states.push(s.state));
    await transport.close();
    await transport.close();
    expect(states).toEqual(["closed"]);
    expect(transport.connection).toBeUndefined();
    await expect(transport.publish("a2a/x/y", bytes("."))).rejects.toThrow(/closed/);
    await expect(transport.connect({ clientId: "again" })).rejects.toThrow(/closed/);
  });
});
