/**
 * The NATS transport on a three-node cluster: agents on different nodes talk, and a transport
 * given every node carries on through another one when its node dies under traffic.
 * Subscription interest spreads between nodes asynchronously, so the first message across
 * nodes is repeated until it arrives (`repeatUntil`).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type NatsCluster, startNatsCluster } from "../harness/nats-cluster.js";
import { messageSink, nextStatus, repeatUntil, statusLog } from "../harness/transport-probes.js";
import { bytes, testTransports, text } from "./nats-test-transports.js";

let cluster: NatsCluster;
const { connected, closeAll } = testTransports(() => ({
  reconnectTimeWaitMs: 50,
  noRandomize: true,
}));

beforeAll(async () => {
  cluster = await startNatsCluster();
}, 30_000);
afterEach(async () => {
  await closeAll();
});
afterAll(async () => {
  await cluster?.stop();
});

describe("NATS transport on a three-node cluster", () => {
  it("lets transports on different nodes exchange messages", { timeout: 20_000 }, async () => {
    const alice = await connected("alice", { url: cluster.urls[0]! });
    const bob = await connected("bob", { url: cluster.urls[2]! });
    const aliceInbox = messageSink();
    const bobInbox = messageSink();
    await alice.subscribe("a2a/alice/+", aliceInbox.deliver);
    await bob.subscribe("a2a/bob/+", bobInbox.deliver);

    await repeatUntil(
      () => alice.publish("a2a/bob/request", bytes("hello bob"), { metadata: { via: "node-0" } }),
      bobInbox.next(),
    );
    await repeatUntil(
      () => bob.publish("a2a/alice/response", bytes("hello alice")),
      aliceInbox.next(),
    );
    expect(bobInbox.messages[0]).toMatchObject({
      address: "a2a/bob/request",
      metadata: { via: "node-0" },
    });
    expect(text(aliceInbox.messages[0]!.bytes)).toBe("hello alice");
    expect(alice.connection?.getServer()).not.toBe(bob.connection?.getServer());
  });

  it("carries on through another node when its node dies under traffic", {
    timeout: 30_000,
  }, async () => {
    const [first, second] = cluster.urls as [string, string, string];
    // Given every node, in order: it starts on the first one.
    const traveller = await connected("traveller", { servers: cluster.urls });
    const receiver = await connected("receiver", { url: second });
    expect(`nats://${traveller.connection?.getServer()}`).toBe(first);
    const data = messageSink();
    const travellerInbox = messageSink();
    await receiver.subscribe("a2a/receiver/data", data.deliver);
    await traveller.subscribe("a2a/traveller/+", travellerInbox.deliver);
    await repeatUntil(() => traveller.publish("a2a/receiver/data", bytes("probe")), data.next());

    // Numbered messages, one every few milliseconds (pacing, so reconnect timers get to run).
    // A number is never reused, even when its publish failed.
    let attempted = 0;
    let running = true;
    const traffic = (async () => {
      while (running) {
        await traveller
          .publish("a2a/receiver/data", bytes(String(attempted++)), { qos: 1 })
          .catch(() => {});
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await data.find((m) => text(m.bytes) === "5");

    const log = statusLog(traveller);
    const back = nextStatus(traveller, (s) => s.state === "connected" && s.resumed === true);
    await cluster.nodes[0]!.kill();
    await back;
    const afterReconnect = attempted;
    await data.find((m) => Number(text(m.bytes)) > afterReconnect);
    running = false;
    await traffic;

    expect(log.map((s) => s.state)).toEqual(["disconnected", "reconnecting", "connected"]);
    expect(`nats://${traveller.connection?.getServer()}`).not.toBe(first);
    // Messages may be lost around the failure, but none twice and none out of order.
    const numbers = data.messages
      .map((m) => text(m.bytes))
      .filter((t) => t !== "probe")
      .map(Number);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(numbers.length);

    // Its subscription moved with it.
    await repeatUntil(
      () => receiver.publish("a2a/traveller/response", bytes("still there?")),
      travellerInbox.next(),
    );
    expect(text(travellerInbox.messages[0]!.bytes)).toBe("still there?");
  });
});
