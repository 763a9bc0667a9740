import { describe, expect, it } from "vitest";
import { createRouter } from "../../transports/group-routing.js";

interface Sub {
  readonly name: string;
  readonly pattern: string;
  readonly group: string | undefined;
}
const sub = (name: string, pattern: string, group?: string): Sub => ({ name, pattern, group });
const names = (subs: readonly Sub[]) => subs.map((s) => s.name).sort();

describe("routing of self-routing transports (memory, WebSocket hub)", () => {
  it("sees subscriptions made and removed after an address was last routed", () => {
    const router = createRouter<Sub>();
    const inbox = sub("inbox", "a2a/bob/+");
    router.add(inbox);
    expect(names(router.route("a2a/bob/request"))).toEqual(["inbox"]);
    const all = sub("all", "#");
    router.add(all);
    expect(names(router.route("a2a/bob/request"))).toEqual(["all", "inbox"]);
    router.delete(inbox);
    expect(names(router.route("a2a/bob/request"))).toEqual(["all"]);
    expect(names(router.route("a2a/carol/request"))).toEqual(["all"]);
  });

  it("gives each group's messages to its members in turn, beside every plain subscriber", () => {
    const router = createRouter<Sub>();
    for (const s of [sub("w1", "a2a/pool/request", "pool"), sub("w2", "a2a/pool/+", "pool")])
      router.add(s);
    const m1 = sub("m1", "a2a/pool/request", "pool");
    router.add(m1);
    router.add(sub("spy", "a2a/#"));
    const got = Array.from({ length: 4 }, () => names(router.route("a2a/pool/request")));
    // w2 is its own group (another pattern); w1 and m1 share one and alternate.
    expect(got.map((g) => g.filter((n) => n === "w1" || n === "m1"))).toEqual([
      ["w1"],
      ["m1"],
      ["w1"],
      ["m1"],
    ]);
    for (const g of got) expect(g).toEqual(expect.arrayContaining(["spy", "w2"]));
    router.delete(m1);
    expect(names(router.route("a2a/pool/request"))).toEqual(["spy", "w1", "w2"]);
  });
});
