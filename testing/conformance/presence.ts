/**
 * The conformance suite's "presence" section: how agents learn of each other (cards, discovery,
 * announcements), heartbeats and load; presence-offline.ts holds going offline and coming back.
 */
import { beforeAll, expect, it } from "vitest";
import type { AgentInfo, JsonObject } from "../../src/index.js";
import { inboxPattern } from "../../src/transport.js";
import { eavesdrop, eventually, type Mesh, next } from "./mesh.js";
import { offlineAndBack } from "./presence-offline.js";
import { bytesOf, rawEnvelope } from "./raw-envelope.js";
import { conformanceSection } from "./section.js";
import { useMesh } from "./suite-setup.js";

export const presence = conformanceSection("presence and directory", (target) => {
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

  it("reads an announcement field by field: wrong-typed fields never reach the directory", async () => {
    // Announcements are not refused by the agent_announcement contract: seed agents and older
    // Parley agents send partial cards (the test above), and Parley agents may announce request
    // types and hand-written contract hashes its patterns do not allow.
    const watcher = await mesh.agent("pr-garbage-watcher");
    const raw = await mesh.raw("pr-garbage");
    const online = next<AgentInfo>(
      (cb) => watcher.on("agent:online", cb),
      (i) => i.id === "pr-garbage",
    );
    const agent_info = {
      name: 5,
      version: ["1"],
      description: null,
      capabilities: ["ok", 7, { no: 1 }],
      request_types: "search",
      contracts: { good: "h", bad: 1 },
      contract_versions: { good: "1.2.0", bad: 2, long: "9".repeat(129) },
      pools: [null, "workers"],
      heartbeat_interval_ms: -5,
    };
    await raw.publish(
      "a2a/broadcast/broadcast",
      bytesOf(
        rawEnvelope({
          sender_id: "pr-garbage",
          message_type: "broadcast",
          payload: { broadcast_type: "agent_announcement", agent_info },
        }),
      ),
      { qos: 1 },
    );
    expect(await online).toMatchObject({
      name: "pr-garbage",
      version: undefined,
      description: undefined,
      capabilities: ["ok"],
      requestTypes: [],
      contracts: { good: "h" },
      contractVersions: { good: "1.2.0" },
      pools: ["workers"],
      heartbeatIntervalMs: undefined,
    });
  });

  it("with presence: heartbeats, reports load from heartbeats and keeps lastSeen fresh", async () => {
    const watcher = await mesh.agent("pr-hb-watcher");
    const beating = await mesh.agent("pr-hb", { heartbeatIntervalMs: 50, presence: "heartbeats" });
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
    expect(beating.card().heartbeat_interval_ms).toBe(50);
  });

  // The default: with a retained card and a Last Will, no heartbeats (N agents, no N² traffic).
  const cards = target.features.retained && target.features.lastWill;

  it(`by default ${cards ? "sends no heartbeats, and its card carries" : "falls back to heartbeats, which carry"} its load as it changes`, async () => {
    const raw = await mesh.raw("pr-load-ear");
    const heard = await eavesdrop(raw, "a2a/broadcast/heartbeat");
    const watcher = await mesh.agent("pr-load-watcher");
    const worker = await mesh.agent("pr-load", { concurrency: 1 });
    let release = () => {};
    worker.handle("slow", () => new Promise<JsonObject>((r) => (release = () => r({}))));
    const client = await mesh.agent("pr-load-client");
    await eventually(() => watcher.directory.get("pr-load")?.load === 0, "load 0");
    const answer = client.request("pr-load", "slow");
    await eventually(() => watcher.directory.get("pr-load")?.load === 1, "load 1 while busy");
    release();
    await answer;
    await eventually(() => watcher.directory.get("pr-load")?.load === 0, "load 0 again");
    const beats = heard.envelopes().filter((e) => e.sender_id === "pr-load");
    if (cards) {
      expect(beats).toEqual([]);
      // The refreshed card also tells of handlers added after connecting.
      expect(watcher.directory.get("pr-load")?.requestTypes).toEqual(["slow"]);
      expect(worker.card().heartbeat_interval_ms).toBe(0);
    } else {
      expect(beats.length).toBeGreaterThan(0);
    }
  });

  offlineAndBack(target, meshOf);
});
