import { describe, expect, it } from "vitest";
import { Directory } from "../../src/presence/directory.js";

const quiet = { online: () => {}, offline: () => {} };

describe("the directory's bounds (cards come from the wire)", () => {
  it("holds at most maxBytes of cards: offline agents are forgotten first, then new ones are not recorded", () => {
    const directory = new Directory(quiet, 90_000, 100_000, 20_000);
    const big = { description: "d".repeat(8_000) };
    directory.seen("big-1", big);
    directory.seen("big-2", big);
    expect(directory.list().map((a) => a.id)).toEqual(["big-1", "big-2"]);
    // A third would pass 20,000: not recorded while the others are online.
    directory.seen("big-3", big);
    expect([directory.get("big-3"), directory.list().length]).toEqual([undefined, 2]);
    // Once one is offline, it makes room.
    directory.markOffline("big-1", "departed");
    directory.seen("big-3", big);
    expect(directory.list().map((a) => a.id)).toEqual(["big-2", "big-3"]);
    expect(directory.bytes).toBeLessThanOrEqual(20_000);
    // Small cards still fit beside them.
    directory.seen("small", { capabilities: ["echo"] });
    expect(directory.get("small")?.capabilities).toEqual(["echo"]);
  });

  it("keeps a known agent's old card when its new one would not fit", () => {
    const directory = new Directory(quiet, 90_000, 100_000, 20_000);
    directory.seen("a", { description: "short" });
    directory.seen("b", { description: "b".repeat(15_000) });
    directory.seen("a", { description: "a".repeat(15_000) });
    expect(directory.get("a")?.description).toBe("short");
    expect(directory.bytes).toBeLessThanOrEqual(20_000);
  });
});
