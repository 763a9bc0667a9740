import { expect, it } from "vitest";
import { createSubscriptionTable } from "../../transports/mqtt/subscription-table.js";
import type { InboundMessage } from "../../transports/transport.js";

const message = (address: string): InboundMessage => ({
  address,
  bytes: new Uint8Array(),
  metadata: {},
  retained: false,
});

it("gives a message to the subscriptions of its arrival, not to one a subscriber adds meanwhile", () => {
  const table = createSubscriptionTable();
  const got: string[] = [];
  table.add("a/#", undefined, 0, (m) => {
    got.push(`first ${m.address}`);
    if (got.length === 1) table.add("a/#", undefined, 0, (n) => got.push(`second ${n.address}`));
  });
  expect(table.dispatch(message("a/1"), undefined)).toBe(true);
  expect(got).toEqual(["first a/1"]);
  table.dispatch(message("a/2"), undefined);
  expect(got).toEqual(["first a/1", "first a/2", "second a/2"]);
});

it("on MQTT 3.1.1 (no identifiers) matches each address against the patterns of now, however often it came before", () => {
  const table = createSubscriptionTable();
  const got: string[] = [];
  const first = table.add("a/+", undefined, 0, (m) => got.push(`plus ${m.address}`));
  for (let i = 0; i < 3; i++) table.dispatch(message("a/x"), undefined);
  expect(table.dispatch(message("b/x"), undefined)).toBe(false);
  table.add("b/#", undefined, 0, (m) => got.push(`hash ${m.address}`));
  expect(table.dispatch(message("b/x"), undefined)).toBe(true);
  table.remove(first.local);
  expect(table.dispatch(message("a/x"), undefined)).toBe(false);
  expect(got).toEqual(["plus a/x", "plus a/x", "plus a/x", "hash b/x"]);
});

it("on MQTT 5 delivers by subscription identifier, only where the pattern still matches the address", () => {
  const table = createSubscriptionTable();
  const got: string[] = [];
  const inbox = table.add("a2a/me/+", undefined, 1, (m) => got.push(`inbox ${m.address}`));
  const all = table.add("a2a/#", undefined, 0, (m) => got.push(`all ${m.address}`));
  const ids = [inbox.entry.id, all.entry.id];
  expect(table.dispatch(message("a2a/me/request"), ids)).toBe(true);
  // Only the identifiers the broker named get it, even where another pattern matches.
  expect(table.dispatch(message("a2a/me/request"), [all.entry.id])).toBe(true);
  // An identifier left over from an older session, or one whose pattern does not match.
  expect(table.dispatch(message("a2a/other/request"), [inbox.entry.id, 999])).toBe(false);
  table.remove(all.local);
  expect(table.dispatch(message("a2a/me/response"), ids)).toBe(true);
  expect(got).toEqual([
    "inbox a2a/me/request",
    "all a2a/me/request",
    "all a2a/me/request",
    "inbox a2a/me/response",
  ]);
});
