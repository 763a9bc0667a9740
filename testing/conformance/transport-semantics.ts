/**
 * The transport itself, below any agent: every message arrives once, an unsubscribed pattern
 * stops receiving, and wildcards match as documented (`+` one level, `#` the rest). The agent
 * sections would fail on a transport that gets these wrong too, but with a timeout; these tests
 * fail saying what the transport did.
 */
import { beforeAll, expect, it } from "vitest";
import type { InboundMessage, Transport } from "../../src/transport.js";
import type { Mesh } from "./mesh.js";
import { conformanceSection } from "./section.js";
import { useMesh } from "./suite-setup.js";

/** How long to wait for messages that may never come, before saying which did not. */
const SAFETY_NET_MS = 5_000;

const text = (message: InboundMessage) => new TextDecoder().decode(message.bytes);

/** Waits until `done()` or the safety net runs out; the caller's assertion says what is missing. */
async function settle(done: () => boolean): Promise<void> {
  const deadline = Date.now() + SAFETY_NET_MS;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}

/** What a pattern got wrong, for the failure message: what it should not have had, what it missed. */
function wrongDeliveries(pattern: string, rule: string, got: string[], want: string[]): string {
  const extra = got.filter((address) => !want.includes(address));
  const missed = want.filter((address) => !got.includes(address));
  const wrong = [
    ...(extra.length > 0 ? [`received ${extra.join(", ")}, which it does not match`] : []),
    ...(missed.length > 0 ? [`missed ${missed.join(", ")}`] : []),
  ];
  return `pattern "${pattern}" (${rule}) ${wrong.join(" and ") || "is right"}`;
}

/** Subscribes `raw` to `pattern`, collecting what arrives. */
async function collect(raw: Transport, pattern: string) {
  const received: InboundMessage[] = [];
  const subscription = await raw.subscribe(pattern, (m) => received.push(m), { qos: 1 });
  return { pattern, received, subscription, texts: () => received.map(text) };
}

async function publish(raw: Transport, address: string, body: string): Promise<void> {
  await raw.publish(address, new TextEncoder().encode(body), { qos: 1 });
}

export const transportSemantics = conformanceSection("transport semantics", (target) => {
  const meshOf = useMesh(target);
  let mesh: Mesh;
  beforeAll(() => {
    mesh = meshOf();
  });

  it("delivers every published message to a subscriber exactly once", async () => {
    const subscriber = await mesh.raw("ts-every-sub");
    const publisher = await mesh.raw("ts-every-pub");
    const inbox = await collect(subscriber, "a2a/ts-every/+");
    const sent = Array.from({ length: 100 }, (_, i) => `message ${i + 1}`);
    for (const body of sent) await publish(publisher, "a2a/ts-every/data", body);
    await settle(() => new Set(inbox.texts()).size === sent.length);
    // One more after all of them: once it is in, late duplicates of the others would be too.
    await publish(publisher, "a2a/ts-every/last", "last");
    await settle(() => inbox.texts().includes("last"));
    const got = inbox.texts().filter((body) => body !== "last");
    const lost = sent.filter((body) => !got.includes(body));
    expect(lost, `lost ${lost.length} of ${sent.length} messages`).toEqual([]);
    const twice = got.filter((body, i) => got.indexOf(body) !== i);
    expect(twice, "delivered these messages more than once").toEqual([]);
  });

  it("stops delivering a pattern once it is unsubscribed, and keeps the connection's other subscriptions", async () => {
    const subscriber = await mesh.raw("ts-unsub-sub");
    const witness = await mesh.raw("ts-unsub-witness");
    const publisher = await mesh.raw("ts-unsub-pub");
    const gone = await collect(subscriber, "a2a/ts-unsub/gone");
    const kept = await collect(subscriber, "a2a/ts-unsub/kept");
    const seen = await collect(witness, "a2a/ts-unsub/gone");
    await publish(publisher, "a2a/ts-unsub/gone", "before");
    await settle(() => gone.received.length === 1 && seen.received.length === 1);
    expect(gone.texts(), "the subscription received nothing before unsubscribe()").toEqual([
      "before",
    ]);
    await gone.subscription.unsubscribe();
    await publish(publisher, "a2a/ts-unsub/gone", "after");
    await publish(publisher, "a2a/ts-unsub/kept", "kept");
    await settle(() => seen.received.length === 2 && kept.received.length === 1);
    expect(seen.texts(), "another subscriber of the pattern missed a message").toEqual([
      "before",
      "after",
    ]);
    expect(kept.texts(), "unsubscribe() also ended another subscription").toEqual(["kept"]);
    expect(gone.texts(), "delivered a message after unsubscribe()").toEqual(["before"]);
  });

  it("matches + to exactly one level and a trailing # to every level below", async () => {
    const subscriber = await mesh.raw("ts-wild-sub");
    const publisher = await mesh.raw("ts-wild-pub");
    const plus = await collect(subscriber, "a2a/ts-wild/+/end");
    const hash = await collect(subscriber, "a2a/ts-wild/tree/#");
    const addresses = [
      "a2a/ts-wild/one/end",
      "a2a/ts-wild/one/two/end",
      "a2a/ts-wild/one/ending",
      "a2a/ts-wild/end",
      "a2a/ts-wild/tree/a",
      "a2a/ts-wild/tree/a/b/c",
      "a2a/ts-wild/treetop/a",
      "a2a/ts-wild/other/a",
    ];
    for (const address of addresses) await publish(publisher, address, address);
    // Last, one for each pattern: once both are in, everything published before is too.
    await publish(publisher, "a2a/ts-wild/last/end", "a2a/ts-wild/last/end");
    await publish(publisher, "a2a/ts-wild/tree/last", "a2a/ts-wild/tree/last");
    await settle(
      () =>
        plus.texts().includes("a2a/ts-wild/last/end") &&
        hash.texts().includes("a2a/ts-wild/tree/last"),
    );
    const wantPlus = ["a2a/ts-wild/last/end", "a2a/ts-wild/one/end"];
    const plusRule = "+ is exactly one level";
    const gotPlus = plus.texts().sort();
    expect(gotPlus, wrongDeliveries(plus.pattern, plusRule, gotPlus, wantPlus)).toEqual(wantPlus);
    const wantHash = ["a2a/ts-wild/tree/a", "a2a/ts-wild/tree/a/b/c", "a2a/ts-wild/tree/last"];
    const hashRule = "# is every level below";
    const gotHash = hash.texts().sort();
    expect(gotHash, wrongDeliveries(hash.pattern, hashRule, gotHash, wantHash)).toEqual(wantHash);
    for (const message of [...plus.received, ...hash.received])
      expect(message.address, "a message arrived with another address than it was sent to").toBe(
        text(message),
      );
  });
});
