import { beforeAll, describe, expect, it } from "vitest";
import { type AgentInfo, inboxPattern } from "../../src/index.js";
import { eavesdrop, eventually, type Mesh, next } from "./mesh.js";
import { bytesOf, rawEnvelope } from "./raw-envelope.js";
import { useMesh } from "./suite-setup.js";
import { targets } from "./targets.js";

describe.each(targets)("presence and directory on $name", (target) => {
  const meshOf = useMesh(target);
  let mesh: Mesh;
  beforeAll(() => {
    mesh = meshOf();
  });

  it("learns an agent that joins later, with its card, capabilities and request types", async () => {
    const watcher = await mesh.agent("pr-watcher");
    const joiner = mesh.createAgent("pr-joiner", {
      card: { name: "Joiner", version: "2.1.0", description: "joins late", capabilities: ["math"] },
    });
    joiner.handle("add", () => ({}));
    const online = next<AgentInfo>(
      (cb) => watcher.on("agent:online", cb),
      (i) => i.id === "pr-joiner",
    );
    await joiner.connect();
    const info = await online;
    expect(info).toMatchObject({
      name: "Joiner",
      version: "2.1.0",
      description: "joins late",
      capabilities: ["math"],
      requestTypes: ["add"],
      status: "online",
    });
    expect(watcher.directory.withCapability("math").map((a) => a.id)).toEqual(["pr-joiner"]);
  });

  it("learns agents that were online before it joined", async () => {
    await mesh.agent("pr-early-1", { card: { capabilities: ["search"] } });
    await mesh.agent("pr-early-2", { card: { capabilities: ["search"] } });
    const late = await mesh.agent("pr-late");
    await eventually(
      () => late.directory.withCapability("search").length === 2,
      "both early agents in the directory",
    );
    expect(late.directory.withCapability("search").map((a) => a.id)).toEqual([
      "pr-early-1",
      "pr-early-2",
    ]);
  });

  it("answers an agent_discovery broadcast with an announcement sent to the asker", async () => {
    await mesh.agent("pr-discoverable", { card: { capabilities: ["x"] } });
    const raw = await mesh.raw("pr-asker");
    const inbox = await eavesdrop(raw, inboxPattern("pr-asker"));
    const discovery = {
      id: "d-1",
      sender_id: "pr-asker",
      recipient_id: null,
      message_type: "broadcast",
      priority: 2,
      timestamp: new Date().toISOString(),
      payload: { broadcast_type: "agent_discovery", requesting_capabilities: true },
      correlation_id: null,
      expires_at: null,
    };
    await raw.publish(
      "a2a/broadcast/broadcast",
      new TextEncoder().encode(JSON.stringify(discovery)),
      { qos: 1 },
    );
    await eventually(
      () => inbox.envelopes().some((e) => e.sender_id === "pr-discoverable"),
      "an announcement in the asker's inbox",
    );
    const reply = inbox.envelopes().find((e) => e.sender_id === "pr-discoverable");
    expect(reply).toMatchObject({
      recipient_id: "pr-asker",
      message_type: "broadcast",
      payload: { broadcast_type: "agent_announcement", agent_info: { capabilities: ["x"] } },
    });
  });

  it("goes online with what an agent can do, never empty from a discovery that came first", async () => {
    const watcher = await mesh.agent("pr-first-watcher");
    const raw = await mesh.raw("pr-newcomer");
    const firstOnline = next<AgentInfo>(
      (cb) => watcher.on("agent:online", cb),
      (i) => i.id === "pr-newcomer",
    );
    const broadcast = (payload: Record<string, unknown>) =>
      raw.publish(
        "a2a/broadcast/broadcast",
        bytesOf(rawEnvelope({ sender_id: "pr-newcomer", message_type: "broadcast", payload })),
        { qos: 1 },
      );
    await broadcast({ broadcast_type: "agent_discovery", requesting_capabilities: true });
    await broadcast({ broadcast_type: "agent_announcement", agent_info: { capabilities: ["y"] } });
    expect((await firstOnline).capabilities).toEqual(["y"]);
  });

  it("reports heartbeat load and keeps lastSeen fresh", async () => {
    const watcher = await mesh.agent("pr-hb-watcher");
    const beating = await mesh.agent("pr-hb", { heartbeatIntervalMs: 50 });
    await eventually(
      () => (watcher.directory.get("pr-hb")?.load ?? -1) === 0,
      "load from a heartbeat",
    );
    const first = watcher.directory.get("pr-hb")?.lastSeen ?? 0;
    await eventually(
      () => (watcher.directory.get("pr-hb")?.lastSeen ?? 0) > first,
      "a later heartbeat",
    );
    expect(beating.directory.get("pr-hb")).toBeUndefined();
  });

  it("marks an agent offline when it closes, with reason departed", async () => {
    const watcher = await mesh.agent("pr-close-watcher");
    const leaver = await mesh.agent("pr-leaver");
    await eventually(
      () => watcher.directory.get("pr-leaver")?.status === "online",
      "leaver online",
    );
    const offline = next<AgentInfo>(
      (cb) => watcher.on("agent:offline", cb),
      (i) => i.id === "pr-leaver",
    );
    await leaver.close();
    expect((await offline).offlineReason).toBe("departed");
  });

  it("marks an agent offline when its connection dies, and online again when it is back", async () => {
    const watcher = await mesh.agent("pr-drop-watcher");
    const victim = await mesh.agent("pr-victim", { heartbeatIntervalMs: 100 });
    await eventually(
      () => watcher.directory.get("pr-victim")?.status === "online",
      "victim online",
    );
    const offline = next<AgentInfo>(
      (cb) => watcher.on("agent:offline", cb),
      (i) => i.id === "pr-victim",
    );
    const back = offline.then(() =>
      next<AgentInfo>(
        (cb) => watcher.on("agent:online", cb),
        (i) => i.id === "pr-victim",
      ),
    );
    await mesh.env.dropConnection(mesh.transportOf(victim));
    const info = await offline;
    // With a Last Will the broker says so at once; without, missed heartbeats give it away.
    expect(info.offlineReason).toBe(
      target.features.lastWill ? "connection_lost" : "missed_heartbeats",
    );
    expect((await back).status).toBe("online");
  });

  it("marks a silent agent offline after it misses its heartbeats", async () => {
    const watcher = await mesh.agent("pr-silent-watcher", { offlineAfterMs: 300 });
    const raw = await mesh.raw("pr-silent");
    const heartbeat = {
      id: "hb-1",
      sender_id: "pr-silent",
      recipient_id: null,
      message_type: "heartbeat",
      priority: 1,
      timestamp: new Date().toISOString(),
      payload: { status: "active", capabilities: ["chat"] },
      correlation_id: null,
      expires_at: null,
    };
    const online = next<AgentInfo>(
      (cb) => watcher.on("agent:online", cb),
      (i) => i.id === "pr-silent",
    );
    await raw.publish(
      "a2a/broadcast/heartbeat",
      new TextEncoder().encode(JSON.stringify(heartbeat)),
    );
    expect((await online).capabilities).toEqual(["chat"]);
    const offline = await next<AgentInfo>(
      (cb) => watcher.on("agent:offline", cb),
      (i) => i.id === "pr-silent",
    );
    expect(offline.offlineReason).toBe("missed_heartbeats");
  });
});
