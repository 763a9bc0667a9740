/**
 * What each broker supports, as the transport detects it, and the features themselves: metadata
 * (MQTT 5 user properties), message expiry, shared subscriptions.
 */
import { describe, expect, it } from "vitest";
import type { InboundMessage, TransportFeatures } from "../../transports/transport.js";
import {
  type BrokerKind,
  bytes,
  createInbox,
  EMBEDDED_AEDES,
  fence,
  MOSQUITTO_V5,
  MOSQUITTO_V311,
  text,
  uniqueId,
  useBroker,
} from "./mqtt-fixtures.js";

interface Expected {
  readonly kind: BrokerKind;
  readonly protocolVersion: 5 | 4;
  readonly features: TransportFeatures;
}

const EXPECTED: readonly Expected[] = [
  {
    kind: MOSQUITTO_V5,
    protocolVersion: 5,
    features: { retained: true, lastWill: true, groups: true, metadata: true, expiry: true },
  },
  {
    kind: MOSQUITTO_V311,
    protocolVersion: 4,
    features: { retained: true, lastWill: true, groups: true, metadata: false, expiry: false },
  },
  {
    // aedes 1.2 refuses MQTT 5 and takes "$share/..." as a plain filter: fallback, no groups.
    kind: EMBEDDED_AEDES,
    protocolVersion: 4,
    features: { retained: true, lastWill: true, groups: false, metadata: false, expiry: false },
  },
];

describe.each(EXPECTED)("MQTT features on $kind.name", { timeout: 20_000 }, (expected) => {
  const { kind } = expected;
  const transports = useBroker(kind);

  it("reports what the broker supports once connected", async () => {
    const transport = await transports.connected();
    expect(transport.protocolVersion).toBe(expected.protocolVersion);
    expect(transport.features).toEqual(expected.features);
  });

  it(`carries metadata ${expected.features.metadata ? "as user properties" : "nowhere (dropped)"}`, async () => {
    const address = `a2a/${uniqueId("meta")}/request`;
    const transport = await transports.connected();
    const inbox = createInbox();
    await transport.subscribe(address, inbox.deliver);
    await transport.publish(address, bytes("body"), {
      metadata: { "parley-version": "1", trace: "abc" },
    });
    const message = await inbox.next();
    expect(text(message)).toBe("body");
    expect(message.metadata).toEqual(
      expected.features.metadata ? { "parley-version": "1", trace: "abc" } : {},
    );
  });

  if (expected.features.groups) {
    it("splits a group's messages between its members, each message exactly once", async () => {
      const base = `a2a/${uniqueId("pool")}`;
      const members = [await transports.connected(), await transports.connected()];
      const inboxes = [createInbox(), createInbox()];
      const all = createInbox();
      for (const [i, member] of members.entries()) {
        const mine = inboxes[i]!;
        const deliver = (message: InboundMessage) => {
          mine.deliver(message);
          all.deliver(message);
        };
        await member.subscribe(`${base}/+`, deliver, { group: "workers" });
      }
      const publisher = await transports.connected();
      const sent = Array.from({ length: 20 }, (_, i) => `job-${i}`);
      for (const job of sent) await publisher.publish(`${base}/job`, bytes(job));

      await all.count(sent.length);
      await Promise.all(members.map(fence));
      const received = inboxes.map((inbox) => inbox.messages.map(text));
      expect([...received[0]!, ...received[1]!].sort()).toEqual([...sent].sort());
      expect(received[0]!.length).toBeGreaterThan(0);
      expect(received[1]!.length).toBeGreaterThan(0);
    });
  } else {
    it("refuses a group subscription with a clear error", async () => {
      const transport = await transports.connected();
      await expect(
        transport.subscribe("a2a/pool/+", () => {}, { group: "workers" }),
      ).rejects.toThrow(
        /^mqtt: the broker at mqtt:\/\/127\.0\.0\.1:\d+ does not support shared subscriptions \(group "workers"\)$/,
      );
    });
  }
});

describe("MQTT message expiry on mosquitto (MQTT 5)", { timeout: 20_000 }, () => {
  const transports = useBroker(MOSQUITTO_V5);

  it("drops a retained message once its expiry has passed, and keeps one without expiry", async () => {
    const base = `a2a/${uniqueId("expiry")}`;
    const publisher = await transports.connected();
    await publisher.publish(`${base}/short`, bytes("short-lived"), {
      retain: true,
      expirySeconds: 1,
    });
    await publisher.publish(`${base}/long`, bytes("long-lived"), { retain: true });
    // Expiry is about time passing; mosquitto counts whole seconds, so wait out two of them.
    await new Promise((resolve) => setTimeout(resolve, 2_200));

    const late = await transports.connected();
    const inbox = createInbox();
    await late.subscribe(`${base}/+`, inbox.deliver);
    await inbox.next();
    await fence(late);
    expect(inbox.messages.map((m) => [m.address, text(m), m.retained])).toEqual([
      [`${base}/long`, "long-lived", true],
    ]);
  });
});

describe("MQTT protocol version pinning on the embedded aedes broker", { timeout: 20_000 }, () => {
  const transports = useBroker(EMBEDDED_AEDES);

  it("does not fall back to 3.1.1 when MQTT 5 is pinned, and says why", async () => {
    const transport = transports.create({ protocolVersion: 5 });
    await expect(transport.connect({ clientId: uniqueId("pinned") })).rejects.toThrow(
      /^mqtt: cannot connect to mqtt:\/\/127\.0\.0\.1:\d+: Connection refused: Unacceptable protocol version$/,
    );
    expect(transport.client).toBeUndefined();
  });
});
