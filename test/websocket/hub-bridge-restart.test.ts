import { describe, expect, it } from "vitest";
import { createMqttTransport } from "../../transports/mqtt/index.js";
import { startMosquittoBroker } from "../harness/mqtt-brokers.js";
import { connectClient, createInbox, onCleanup, startHub, str, text } from "./fixture.js";
import { requesterFirstRestart } from "./requester-first-restart.js";

describe("websocket hub bridged to a mosquitto that restarts without persistence", () => {
  it("publishes its clients' retained messages to the broker again, for the broker's newcomers", async () => {
    const broker = await startMosquittoBroker();
    onCleanup(() => broker.stop());
    const hub = await startHub({
      bridge: createMqttTransport({ url: broker.url, reconnectPeriodMs: 100 }),
    });
    const alice = await connectClient(hub, "alice");
    await alice.publish("a2a/_presence/alice", text("alice's card"), { retain: true });

    async function newcomerOnTheBroker(clientId: string) {
      const newcomer = createMqttTransport({ url: broker.url, reconnectPeriodMs: 100 });
      onCleanup(() => newcomer.close());
      await newcomer.connect({ clientId });
      const sees = createInbox();
      await newcomer.subscribe("a2a/_presence/+", sees.deliver);
      return sees;
    }

    const before = await newcomerOnTheBroker("before-restart");
    expect(str((await before.next()).bytes)).toBe("alice's card");

    // The broker forgets every retained message; alice, on the hub, never notices the outage.
    await broker.restart();
    const after = await newcomerOnTheBroker("after-restart");
    const card = await after.next();
    expect(str(card.bytes)).toBe("alice's card");
    expect(hub.stats().bridge?.errors).toBe(0);
  }, 30_000);
});

describe("bridged websocket hub restart with requests in flight", () => {
  it("answers every request when the requester is back (and resends) before the responder", async () => {
    const broker = await startMosquittoBroker();
    onCleanup(() => broker.stop());
    const { outcomes, restarted } = await requesterFirstRestart(
      (port) =>
        startHub({
          ...(port === undefined ? {} : { port }),
          bridge: createMqttTransport({ url: broker.url, reconnectPeriodMs: 100 }),
        }),
      50,
      8_000,
    );
    expect(outcomes).toEqual(Array.from({ length: 50 }, (_, n) => ({ answer: { n } })));
    // The resent requests went out over the bridge too, and were held here for the responder.
    expect(restarted.stats()).toMatchObject({ held: 0, heldRefused: 0, heldExpired: 0 });
    expect(restarted.stats().bridge?.errors).toBe(0);
  }, 30_000);
});
