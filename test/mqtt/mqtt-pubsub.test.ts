/** Publish/subscribe, wildcards, overlapping subscriptions and retained messages on every broker. */
import { describe, expect, it } from "vitest";
import {
  ALL_BROKERS,
  bytes,
  createInbox,
  fence,
  text,
  uniqueId,
  useBroker,
} from "./mqtt-fixtures.js";

describe.each(ALL_BROKERS)("MQTT publish/subscribe on $name", { timeout: 20_000 }, (kind) => {
  const transports = useBroker(kind);

  it("delivers to + (one level) and # (any levels, including none) subscriptions", async () => {
    const base = `a2a/${uniqueId("wild")}`;
    const sub = await transports.connected();
    const pub = await transports.connected();
    const plus = createInbox();
    const hash = createInbox();
    await sub.subscribe(`${base}/+`, plus.deliver);
    await sub.subscribe(`${base}/#`, hash.deliver);

    for (const address of [base, `${base}/one`, `${base}/one/two`]) {
      await pub.publish(address, bytes(address));
    }
    await hash.count(3);
    await fence(sub);

    expect(plus.messages.map((m) => m.address)).toEqual([`${base}/one`]);
    expect(hash.messages.map((m) => m.address)).toEqual([base, `${base}/one`, `${base}/one/two`]);
    expect(hash.messages.map(text)).toEqual([base, `${base}/one`, `${base}/one/two`]);
    expect(hash.messages.every((m) => !m.retained)).toBe(true);
  });

  it("gives each overlapping subscription the message exactly once", async () => {
    const base = `a2a/${uniqueId("overlap")}`;
    const sub = await transports.connected();
    const inboxes = [createInbox(), createInbox(), createInbox(), createInbox()];
    const patterns = [`${base}/+`, `${base}/#`, `${base}/item`, `${base}/+`];
    for (const [i, pattern] of patterns.entries())
      await sub.subscribe(pattern, inboxes[i]!.deliver);

    await sub.publish(`${base}/item`, bytes("one"));
    await sub.publish(`${base}/deep/er`, bytes("two"));
    await inboxes[1]!.count(2);
    await fence(sub);

    expect(inboxes.map((inbox) => inbox.messages.map(text))).toEqual([
      ["one"],
      ["one", "two"],
      ["one"],
      ["one"],
    ]);
  });

  it("stops delivering to a subscription once unsubscribed, and only to that one", async () => {
    const address = `a2a/${uniqueId("unsub")}/x`;
    const sub = await transports.connected();
    const kept = createInbox();
    const dropped = createInbox();
    await sub.subscribe(address, kept.deliver);
    const subscription = await sub.subscribe(address, dropped.deliver);
    await subscription.unsubscribe();

    await sub.publish(address, bytes("after"));
    await kept.next();
    await fence(sub);
    expect(dropped.messages).toEqual([]);
    expect(kept.messages.map(text)).toEqual(["after"]);
  });

  it("keeps a retained message for later subscribers, marked retained, and clears it with an empty one", async () => {
    const address = `a2a/_presence/${uniqueId("agent")}`;
    const pub = await transports.connected();
    const live = createInbox();
    await pub.subscribe(address, live.deliver);
    await pub.publish(address, bytes("card-v1"), { retain: true });
    expect((await live.next()).retained).toBe(false);

    const late = await transports.connected();
    const first = createInbox();
    await late.subscribe(address, first.deliver);
    const retained = await first.next();
    expect({ text: text(retained), retained: retained.retained }).toEqual({
      text: "card-v1",
      retained: true,
    });

    // A second subscriber on the same connection gets the retained copy too; the first not again.
    const second = createInbox();
    await late.subscribe(`a2a/_presence/+`, second.deliver);
    expect(text(await second.next((m) => m.address === address))).toBe("card-v1");
    await fence(late);
    expect(first.messages).toHaveLength(1);

    await pub.publish(address, new Uint8Array(0), { retain: true });
    const cleared = await first.next((m) => m.bytes.byteLength === 0);
    expect(cleared.retained).toBe(false);

    const later = await transports.connected();
    const none = createInbox();
    await later.subscribe(address, none.deliver);
    await fence(later);
    expect(none.messages).toEqual([]);
  });

  it("refuses to publish to a wildcard address and to subscribe to a malformed pattern", async () => {
    const transport = await transports.connected();
    await expect(transport.publish("a2a/+/x", bytes("x"))).rejects.toThrow(/invalid address/);
    await expect(transport.subscribe("a2a/#/x", () => {})).rejects.toThrow(
      /"#" must be the last level/,
    );
  });
});
