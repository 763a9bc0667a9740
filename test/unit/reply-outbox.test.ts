import { expect, it } from "vitest";
import { ReplyOutbox } from "../../src/agent/reply-outbox.js";

const held = (label: number, size: number) => ({
  bytes: new Uint8Array(size).fill(label),
  address: "a2a/caller/response",
  kind: "response" as const,
  expiresAt: null,
  deadline: Date.now() + 60_000,
});

it("holds replies through an outage within its count and its bytes, giving up the oldest first", () => {
  const outbox = new ReplyOutbox(10, 1000);
  expect(outbox.hold(held(1, 400))).toEqual([]);
  expect(outbox.hold(held(2, 400))).toEqual([]);
  // 1,200 bytes: over the limit though far from 10 replies; the oldest goes.
  const givenUp = outbox.hold(held(3, 400));
  expect(givenUp.map((r) => r.bytes[0])).toEqual([1]);
  expect([outbox.size, outbox.bytes]).toEqual([2, 800]);
  // A reply larger than the whole limit is given up alone.
  expect(outbox.hold(held(4, 1200)).map((r) => r.bytes[0])).toEqual([4]);
  expect([outbox.size, outbox.bytes]).toEqual([2, 800]);
  expect(outbox.hold(held(5, 100))).toEqual([]);
  expect(outbox.takeAll().due.map((r) => r.bytes[0])).toEqual([2, 3, 5]);
  expect(outbox.bytes).toBe(0);
});
