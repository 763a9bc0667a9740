import { describe, expect, it } from "vitest";
import type { TransportStatus } from "../../transports/transport.js";
import { createWebSocketHub } from "../../transports/websocket/node.js";
import { connectClient, createInbox, startHub, str, text, waitForStatus } from "./fixture.js";
import { requesterFirstRestart } from "./requester-first-restart.js";

describe("websocket hub restart", () => {
  it("a client reconnects to a hub restarted on the same port, restores its subscriptions, and traffic resumes", async () => {
    const hub = await startHub();
    const client = await connectClient(hub, "client");
    const inbox = createInbox();
    await client.subscribe("a2a/client/+", inbox.deliver);
    const statuses: TransportStatus[] = [];
    client.onStatus((status) => statuses.push(status));

    const disconnected = waitForStatus(client, (s) => s.state === "disconnected");
    const resumed = waitForStatus(client, (s) => s.state === "connected");
    await hub.close();
    await disconnected;
    await expect(client.publish("a2a/x/y", text("lost"))).rejects.toThrow(/not connected/);

    const restarted = await startHub({ port: hub.port });
    expect(await resumed).toEqual({ state: "connected", resumed: true });
    expect(statuses[0]?.state).toBe("disconnected");
    expect(statuses[1]?.state).toBe("reconnecting");
    expect(statuses.at(-1)).toEqual({ state: "connected", resumed: true });

    const sender = await connectClient(restarted, "sender");
    await sender.publish("a2a/client/request", text("after restart"));
    expect(str((await inbox.next()).bytes)).toBe("after restart");
    await client.publish("a2a/client/self", text("own publish works too"));
    expect(str((await inbox.next()).bytes)).toBe("own publish works too");
  });

  it("fails with a one-line error when the port is in use", async () => {
    const hub = await startHub();
    const error = await createWebSocketHub({ port: hub.port }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      `websocket hub: port ${hub.port} on 127.0.0.1 is already in use`,
    );
  });

  it("connect() rejects clearly when no hub listens", async () => {
    const hub = await startHub();
    await hub.close();
    const { createWebSocketTransport } = await import("../../transports/websocket/node.js");
    const transport = createWebSocketTransport({ url: hub.url });
    await expect(transport.connect({ clientId: "x" })).rejects.toThrow(
      new RegExp(`websocket hub at ${hub.url} refused the connection`),
    );
    await transport.close();
  });

  it("close() is clean and idempotent, and reports closed once", async () => {
    const hub = await startHub();
    const client = await connectClient(hub, "client");
    const statuses: string[] = [];
    client.onStatus((s) => statuses.push(s.state));
    await client.close();
    await client.close();
    expect(statuses).toEqual(["closed"]);
    await expect(client.connect({ clientId: "client" })).rejects.toThrow(/was closed/);
  });
});

describe("websocket hub restart with requests in flight", () => {
  it("answers every request when the requester is back (and resends) before the responder", async () => {
    const { outcomes, restarted, requester } = await requesterFirstRestart(
      (port) => startHub(port === undefined ? {} : { port }),
      50,
      8_000,
    );
    expect(outcomes).toEqual(Array.from({ length: 50 }, (_, n) => ({ answer: { n } })));
    expect(requester.stats().resentRequests).toBe(50);
    // The resent requests were held for the responder, none refused.
    expect(restarted.stats()).toMatchObject({ held: 0, heldRefused: 0, heldExpired: 0 });
  }, 30_000);

  it("fails each request the restarted hub cannot hold at once, with a typed error, instead of leaving it to time out", async () => {
    const { outcomes, restarted } = await requesterFirstRestart(
      (port) => startHub(port === undefined ? {} : { port, maxHeldMessages: 20 }),
      50,
      8_000,
    );
    expect(outcomes).toEqual(
      Array.from({ length: 50 }, (_, n) =>
        n < 20 ? { answer: { n } } : { error: "ParleyError", code: "unavailable" },
      ),
    );
    expect(restarted.stats()).toMatchObject({ held: 0, heldRefused: 30 });
  }, 30_000);
});
