import { describe, expect, it } from "vitest";
import { Directory } from "../../src/presence/directory.js";

/** A directory that records the restarts it reports, as `id: previous -> new`. */
function watched(): { directory: Directory; restarts: string[] } {
  const restarts: string[] = [];
  const directory = new Directory(
    {
      online: () => {},
      offline: () => {},
      restarted: (info, previous) => restarts.push(`${info.id}: ${previous} -> ${info.instanceId}`),
    },
    90_000,
    1_000,
  );
  return { directory, restarts };
}

describe("the directory tells a restarted agent from a reconnected one (its card's instance_id)", () => {
  it("reports no restart while the instance id stays the same, offline meanwhile or not", () => {
    const { directory, restarts } = watched();
    directory.seen("a", { instance_id: "one" });
    directory.seen("a", { instance_id: "one" });
    directory.markOffline("a", "connection_lost");
    directory.seen("a", { instance_id: "one" });
    // A heartbeat carries no card: it keeps the instance known.
    directory.seen("a", { load: 0.5 });
    expect(restarts).toEqual([]);
    expect(directory.get("a")?.instanceId).toBe("one");
  });

  it("reports a restart when a new instance id comes, whether or not the agent was marked offline", () => {
    const { directory, restarts } = watched();
    directory.seen("a", { instance_id: "one" });
    directory.seen("a", { instance_id: "two" });
    directory.markOffline("a", "connection_lost");
    directory.seen("a", { instance_id: "three" });
    expect(restarts).toEqual(["a: one -> two", "a: two -> three"]);
    expect(directory.get("a")).toMatchObject({ status: "online", instanceId: "three" });
  });

  it("never reports a restart of an agent that gives no instance id (a seed agent)", () => {
    const { directory, restarts } = watched();
    directory.seen("seed", { name: "AlexAI", capabilities: ["search"] });
    directory.markOffline("seed", "missed_heartbeats");
    directory.seen("seed", { name: "AlexAI", capabilities: ["search"] });
    // Its first instance id is not a restart either: nothing was known to differ from.
    directory.seen("seed", { instance_id: "one" });
    expect(restarts).toEqual([]);
    expect(directory.get("seed")?.instanceId).toBe("one");
  });
});
