/**
 * The NATS conformance target keeps its promises: transports it makes have the features it
 * declares, `dropConnection` cuts one connection (and only that one) which the transport then
 * recovers, and `restartBroker` restarts the server on the same address.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConformanceEnvironment } from "../../testing/conformance/target.js";
import type { Transport } from "../../transports/transport.js";
import { natsTarget } from "../conformance/targets/nats.js";
import { messageSink, nextStatus, statusLog } from "../harness/transport-probes.js";
import { bytes, text } from "./nats-test-transports.js";

const resumed = (t: Transport) =>
  nextStatus(t, (s) => s.state === "connected" && s.resumed === true);

describe("NATS conformance target", () => {
  let env: ConformanceEnvironment;
  let alice: Transport;
  let bob: Transport;
  const bobInbox = messageSink();

  beforeAll(async () => {
    env = await natsTarget.setup();
    alice = env.createTransport();
    bob = env.createTransport();
    await alice.connect({ clientId: "alice" });
    await bob.connect({ clientId: "bob" });
    await bob.subscribe("a2a/bob/+", bobInbox.deliver);
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it("declares the features its transports report", () => {
    expect(alice.features).toEqual(natsTarget.features);
  });

  it("drops one connection uncleanly and the transport recovers", { timeout: 20_000 }, async () => {
    const aliceStatus = statusLog(alice);
    const down = nextStatus(bob, (s) => s.state === "disconnected");
    const back = resumed(bob);
    await env.dropConnection(bob);
    await down;
    await back;
    // Only the dropped transport was cut off.
    expect(aliceStatus).toEqual([]);
    await alice.publish("a2a/bob/request", bytes("after drop"));
    expect(
      (await bobInbox.find((m) => new TextDecoder().decode(m.bytes) === "after drop")).address,
    ).toBe("a2a/bob/request");
  });

  it("restarts the broker, and both transports come back", { timeout: 20_000 }, async () => {
    const backs = [resumed(alice), resumed(bob)];
    await env.restartBroker?.();
    await Promise.all(backs);
    await alice.publish("a2a/bob/request", bytes("after restart"));
    await bobInbox.find((m) => text(m.bytes) === "after restart");
  });
});
