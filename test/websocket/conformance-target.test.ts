/** The WebSocket conformance target's own fault hooks do what the suite relies on. */
import { describe, expect, it } from "vitest";
import { websocketTarget } from "../conformance/targets/websocket.js";
import { createInbox, onCleanup, str, text, waitForStatus } from "./fixture.js";

describe("websocket conformance target", () => {
  it("dropConnection publishes the Last Will before resolving, and the transport comes back", async () => {
    const env = await websocketTarget.setup();
    onCleanup(() => env.teardown());
    const observer = env.createTransport();
    await observer.connect({ clientId: "observer" });
    const inbox = createInbox();
    await observer.subscribe("a2a/_presence/+", inbox.deliver);
    const victim = env.createTransport();
    const will = { address: "a2a/_presence/victim", bytes: text("gone"), retain: false };
    await victim.connect({ clientId: "victim", will });
    expect(victim.features).toEqual(websocketTarget.features);

    const back = waitForStatus(victim, (s) => s.state === "connected");
    await env.dropConnection(victim);
    expect(str((await inbox.next()).bytes)).toBe("gone");
    expect(await back).toEqual({ state: "connected", resumed: true });
  });

  it("restartBroker restarts the hub on the same address; subscriptions are restored", async () => {
    const env = await websocketTarget.setup();
    onCleanup(() => env.teardown());
    const a = env.createTransport();
    const b = env.createTransport();
    await a.connect({ clientId: "a" });
    await b.connect({ clientId: "b" });
    const inbox = createInbox();
    await a.subscribe("a2a/a/+", inbox.deliver);
    const aBack = waitForStatus(a, (s) => s.state === "connected");
    const bBack = waitForStatus(b, (s) => s.state === "connected");
    await env.restartBroker?.();
    await Promise.all([aBack, bBack]);
    await b.publish("a2a/a/request", text("after restart"));
    expect(str((await inbox.next()).bytes)).toBe("after restart");
  });
});
