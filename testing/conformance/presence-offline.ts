/**
 * The presence section's tests of an agent going offline (closing, losing its connection, its card
 * cleared, falling silent) and coming back, held to the detection times the transports document.
 */
import { beforeAll, expect, it } from "vitest";
import type { Agent, AgentInfo } from "../../src/index.js";
import { presenceAddress } from "../../src/transport.js";
import { eavesdrop, eventually, type Mesh, next } from "./mesh.js";
import {
  documentedOfflineDetectionMs,
  SHARED_MACHINE_MARGIN_MS,
  within,
} from "./offline-detection.js";
import type { ConformanceTarget } from "./target.js";

/** Once `watcher` lists `id` online: its next offline event, and the online event after that. */
async function offlineThenBack(
  watcher: Agent,
  id: string,
): Promise<{ offline: Promise<AgentInfo>; back: Promise<AgentInfo> }> {
  await eventually(() => watcher.directory.get(id)?.status === "online", `${id} online`);
  // Both listeners from the start: the online event may come in the same tick as the offline one.
  let wentOffline = false;
  const offline = next<AgentInfo>(
    (cb) => watcher.on("agent:offline", cb),
    (i) => {
      wentOffline ||= i.id === id;
      return i.id === id;
    },
  );
  const back = next<AgentInfo>(
    (cb) => watcher.on("agent:online", cb),
    (i) => i.id === id && wentOffline,
  );
  return { offline, back };
}

/** Registers the offline tests inside the presence section's `describe`, on its mesh. */
export function offlineAndBack(target: ConformanceTarget, meshOf: () => Mesh): void {
  let mesh: Mesh;
  beforeAll(() => {
    mesh = meshOf();
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

  it("marks an agent offline within the documented time when its connection dies, and online again when it is back", async () => {
    const watcherSettings = { heartbeatIntervalMs: 200, offlineAfterMs: 600 };
    const watcher = await mesh.agent("pr-drop-watcher", watcherSettings);
    const victim = await mesh.agent("pr-victim", { heartbeatIntervalMs: 100 });
    const { offline, back } = await offlineThenBack(watcher, "pr-victim");
    // Last Will: at once; heartbeats (the victim's 100 ms): 300 ms of silence plus one 100 ms check.
    const documented = documentedOfflineDetectionMs({
      lastWill: target.features.lastWill,
      announcedHeartbeatMs: victim.card().heartbeat_interval_ms,
      watcherHeartbeatMs: watcherSettings.heartbeatIntervalMs,
      watcherOfflineAfterMs: watcherSettings.offlineAfterMs,
    });
    // Timed from the moment the connection is cut, whether or not the drop itself has returned.
    const dropped = mesh.env.dropConnection(mesh.transportOf(victim));
    const [info] = await within(
      Promise.all([offline, dropped]),
      documented + SHARED_MACHINE_MARGIN_MS,
      `agent:offline (documented: ${documented} ms, + ${SHARED_MACHINE_MARGIN_MS} ms margin)`,
    );
    // With a Last Will the broker says so at once; without, missed heartbeats give it away.
    expect(info.offlineReason).toBe(
      target.features.lastWill ? "connection_lost" : "missed_heartbeats",
    );
    expect((await back).status).toBe("online");
  });

  it("publishes its card again when it finds it cleared while connected (a late Last Will)", async () => {
    if (!target.features.retained) {
      // No retained card, so nothing can clear it: liveness rides on heartbeats here.
      expect((await mesh.agent("pr-phoenix")).card().heartbeat_interval_ms).toBeGreaterThan(0);
      return;
    }
    const watcher = await mesh.agent("pr-phoenix-watcher");
    await mesh.agent("pr-phoenix");
    const { offline, back } = await offlineThenBack(watcher, "pr-phoenix");
    const raw = await mesh.raw("pr-phoenix-will");
    await raw.publish(presenceAddress("pr-phoenix"), new Uint8Array(0), { retain: true, qos: 1 });
    expect((await offline).offlineReason).toBe("connection_lost");
    expect((await back).status).toBe("online");
    // The card is retained again: a subscriber arriving now gets it from the broker.
    const card = await eavesdrop(await mesh.raw("pr-phoenix-late"), presenceAddress("pr-phoenix"));
    await eventually(() => card.envelopes().length > 0, "the retained card");
    expect(card.messages[0]?.retained).toBe(true);
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
}
