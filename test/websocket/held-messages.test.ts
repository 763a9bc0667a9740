import { describe, expect, it } from "vitest";
import { createHeldMessages } from "../../transports/websocket/held-messages.js";
import { createRetainedStore } from "../../transports/websocket/retained-store.js";

const encoder = new TextEncoder();
/** A message of exactly `bytes` bytes (address + body) to `address`. */
function message(address: string, bytes: number, tag = "") {
  const body = tag.padEnd(bytes - address.length, ".");
  return { address, body, metadata: {} };
}

/** A store on a clock the test moves. */
function store(bounds: { maxMessages?: number; maxBytes?: number; maxSeconds?: number } = {}) {
  const clock = { ms: 1_000_000 };
  const held = createHeldMessages({
    maxMessages: bounds.maxMessages ?? 100,
    maxBytes: bounds.maxBytes ?? 1_000_000,
    maxSeconds: bounds.maxSeconds ?? 300,
    now: () => clock.ms,
  });
  return { held, clock };
}

describe("held messages (for a subscriber that is not there yet)", () => {
  it("hands held messages to the first matching subscription, oldest first, and only once", () => {
    const { held } = store();
    expect(held.hold(message("a2a/bob/request", 40, "one"), 30)).toBe(true);
    expect(held.hold(message("a2a/carol/request", 40, "other"), 30)).toBe(true);
    expect(held.hold(message("a2a/bob/request", 40, "two"), 30)).toBe(true);
    const bodies = held.take("a2a/bob/+").map((m) => String(m.body).replace(/\.+$/, ""));
    expect(bodies).toEqual(["one", "two"]);
    expect(held.take("a2a/bob/+")).toEqual([]);
    expect(held.stats()).toMatchObject({ held: 1, heldBytes: 40 });
  });

  it("refuses a message beyond the count bound, and takes one again once a slot is free", () => {
    const { held } = store({ maxMessages: 2 });
    expect(held.hold(message("a2a/x/request", 20), 30)).toBe(true);
    expect(held.hold(message("a2a/y/request", 20), 30)).toBe(true);
    expect(held.hold(message("a2a/z/request", 20), 30)).toBe(false);
    expect(held.stats()).toMatchObject({ held: 2, heldRefused: 1 });
    held.take("a2a/x/+");
    expect(held.hold(message("a2a/z/request", 20), 30)).toBe(true);
  });

  it("refuses a message beyond the byte bound, counting address, body and metadata", () => {
    const { held } = store({ maxBytes: 100 });
    expect(held.hold(message("a2a/x/request", 60), 30)).toBe(true);
    expect(held.hold(message("a2a/y/request", 41), 30)).toBe(false);
    expect(held.hold({ ...message("a2a/y/request", 38), metadata: { k: "v" } }, 30)).toBe(true);
    expect(held.stats()).toMatchObject({ held: 2, heldBytes: 100, heldRefused: 1 });
    // Bytes count as UTF-8, and byte bodies by their length.
    const { held: small } = store({ maxBytes: 20 });
    expect(small.hold({ address: "a/b", body: "é".repeat(9), metadata: {} }, 30)).toBe(false);
    expect(
      small.hold({ address: "a/b", body: encoder.encode("é".repeat(8)), metadata: {} }, 30),
    ).toBe(true);
  });

  it("drops a message at its expiry (at most maxSeconds; maxSeconds without one), freeing its room", () => {
    const { held, clock } = store({ maxMessages: 2, maxSeconds: 60 });
    held.hold(message("a2a/short/request", 30), 5);
    held.hold(message("a2a/long/request", 30), undefined);
    clock.ms += 5_000;
    expect(held.take("a2a/short/+")).toEqual([]);
    expect(held.stats()).toMatchObject({ held: 1, heldExpired: 1 });
    expect(held.hold(message("a2a/capped/request", 30), 3_600)).toBe(true);
    clock.ms += 60_000;
    // Both reached maxSeconds: the one without expiry and the one asking for an hour; the store
    // was full, and is not any more.
    expect(held.hold(message("a2a/new/request", 30), 30)).toBe(true);
    expect(held.take("#").map((m) => m.address)).toEqual(["a2a/new/request"]);
    expect(held.stats()).toMatchObject({ held: 0, heldBytes: 0, heldExpired: 3 });
  });

  it("holds nothing for an expiry of 0, without counting it as refused", () => {
    const { held } = store();
    expect(held.hold(message("a2a/x/request", 20), 0)).toBe(false);
    expect(held.stats()).toMatchObject({ held: 0, heldRefused: 0 });
    // maxSeconds 0 holds nothing: that is a refusal.
    const { held: none } = store({ maxSeconds: 0 });
    expect(none.hold(message("a2a/x/request", 20), 30)).toBe(false);
    expect(none.stats()).toMatchObject({ held: 0, heldRefused: 1 });
  });

  it("keeps a copy of a byte body, not a view into the buffer it came in", () => {
    const { held } = store();
    const socketBuffer = encoder.encode("xxxxbody");
    held.hold({ address: "a/b", body: socketBuffer.subarray(4), metadata: {} }, 30);
    socketBuffer.fill(0);
    const [kept] = held.take("a/b");
    expect(new TextDecoder().decode(kept?.body as Uint8Array)).toBe("body");
  });
});

describe("retained store bounds", () => {
  it("refuses a message beyond the byte bound; replacing an address frees what it held", () => {
    const retained = createRetainedStore(10, 100);
    expect(retained.put(message("a2a/_presence/a", 60), undefined, true)).toBe(true);
    expect(retained.put(message("a2a/_presence/b", 41), undefined, true)).toBe("bytes");
    expect(retained.put(message("a2a/_presence/a", 20), undefined, true)).toBe(true);
    expect(retained.put(message("a2a/_presence/b", 41), undefined, true)).toBe(true);
    expect(retained.bytes).toBe(61);
    expect(
      retained.put({ address: "a2a/_presence/a", body: "", metadata: {} }, undefined, true),
    ).toBe(true);
    expect(retained.bytes).toBe(41);
  });

  it("names the count bound when that is the one a new address would pass", () => {
    const retained = createRetainedStore(1, 1_000);
    retained.put(message("a2a/_presence/a", 30), undefined, true);
    expect(retained.put(message("a2a/_presence/b", 30), undefined, true)).toBe("addresses");
  });
});
