/**
 * Losing the connection: a broker restart on the same port and a connection cut from under the
 * client. nats.js reconnects and restores subscriptions; the transport reports it, refuses to
 * publish into the gap, and traffic resumes both ways.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { NatsTransport } from "../../transports/nats/index.js";
import { dropNatsConnection } from "../harness/nats-drop-connection.js";
import { type NatsServer, startNatsServer } from "../harness/nats-server.js";
import { messageSink, nextStatus, statusLog } from "../harness/transport-probes.js";
import { bytes, testTransports, text } from "./nats-test-transports.js";

let server: NatsServer;
// Reconnect quickly: the tests wait for reconnects.
const { connected, closeAll } = testTransports(() => ({
  url: server.url,
  reconnectTimeWaitMs: 50,
}));

beforeEach(async () => {
  server = await startNatsServer();
});
afterEach(async () => {
  await closeAll();
  await server?.stop();
});

const resumed = (t: NatsTransport) =>
  nextStatus(t, (s) => s.state === "connected" && s.resumed === true);

/** Both directions work: each side receives what the other publishes to its inbox. */
async function exchange(
  alice: NatsTransport,
  aliceInbox: ReturnType<typeof messageSink>,
  bob: NatsTransport,
  bobInbox: ReturnType<typeof messageSink>,
  tag: string,
): Promise<void> {
  await alice.publish("a2a/bob/request", bytes(`to bob ${tag}`), { qos: 1 });
  await bob.publish("a2a/alice/response", bytes(`to alice ${tag}`), { qos: 1 });
  expect(text((await bobInbox.next()).bytes)).toBe(`to bob ${tag}`);
  expect(text((await aliceInbox.next()).bytes)).toBe(`to alice ${tag}`);
}

describe("NATS transport reconnects", () => {
  it("survives a broker restart on the same port, reporting each step", {
    timeout: 20_000,
  }, async () => {
    const alice = await connected("alice");
    const bob = await connected("bob");
    const aliceInbox = messageSink();
    const bobInbox = messageSink();
    await alice.subscribe("a2a/alice/+", aliceInbox.deliver);
    await bob.subscribe("a2a/bob/+", bobInbox.deliver);
    await exchange(alice, aliceInbox, bob, bobInbox, "before");

    const log = statusLog(alice);
    const aliceDown = nextStatus(alice, (s) => s.state === "disconnected");
    await server.kill();
    const down = await aliceDown;
    expect(down.error?.message).toMatch(/lost its connection/);
    // While disconnected nats.js would drop the message on reconnect: refuse it instead.
    await expect(alice.publish("a2a/bob/request", bytes("into the gap"))).rejects.toThrow(
      /nats transport is (disconnected|reconnecting): message to "a2a\/bob\/request" not sent/,
    );

    const aliceBack = resumed(alice);
    const bobBack = resumed(bob);
    await server.restart();
    await Promise.all([aliceBack, bobBack]);
    expect(log.map((s) => s.state)).toEqual(["disconnected", "reconnecting", "connected"]);
    expect(log[2]?.resumed).toBe(true);

    // Subscriptions were restored by the client: no re-subscribe needed.
    await exchange(alice, aliceInbox, bob, bobInbox, "after");
    expect(bobInbox.messages.map((m) => text(m.bytes))).toEqual(["to bob before", "to bob after"]);
  });

  it("reconnects after its connection is cut uncleanly", { timeout: 20_000 }, async () => {
    const alice = await connected("alice");
    const bob = await connected("bob");
    const aliceInbox = messageSink();
    const bobInbox = messageSink();
    await alice.subscribe("a2a/alice/+", aliceInbox.deliver);
    await bob.subscribe("a2a/bob/+", bobInbox.deliver, { group: "bobs" });

    const log = statusLog(bob);
    const bobBack = resumed(bob);
    await dropNatsConnection(bob);
    await bobBack;
    expect(log.map((s) => s.state)).toEqual(["disconnected", "reconnecting", "connected"]);
    await exchange(alice, aliceInbox, bob, bobInbox, "after the cut");
  });

  it("rejects a confirmed publish whose connection dies before the server answers", {
    timeout: 20_000,
  }, async () => {
    const alice = await connected("alice");
    const pending = alice.publish("a2a/bob/request", bytes("maybe lost"), { qos: 1 });
    await dropNatsConnection(alice);
    await expect(pending).rejects.toThrow(/not confirmed by the server/);
  });

  it("reports closed with the reason when it may not reconnect", { timeout: 20_000 }, async () => {
    const alice = await connected("alice", { reconnect: false });
    const log = statusLog(alice);
    const closed = nextStatus(alice, (s) => s.state === "closed");
    await server.kill();
    await closed;
    expect(log.map((s) => s.state)).toEqual(["disconnected", "closed"]);
    await expect(alice.publish("a2a/bob/request", bytes("."))).rejects.toThrow(/closed/);
    await alice.close();
  });

  it("gives up after maxReconnectAttempts and says so", { timeout: 20_000 }, async () => {
    const alice = await connected("alice", { reconnectTimeWaitMs: 20, maxReconnectAttempts: 2 });
    const closed = nextStatus(alice, (s) => s.state === "closed");
    await server.kill();
    const status = await closed;
    expect(status.error?.message).toMatch(/^nats transport closed: /);
  });
});
