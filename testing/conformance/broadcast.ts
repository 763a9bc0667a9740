import { beforeAll, expect, it } from "vitest";
import type { Envelope, JsonObject } from "../../src/index.js";
import { eventually, type Mesh, next } from "./mesh.js";
import { conformanceSection } from "./section.js";
import { useMesh } from "./suite-setup.js";

export const broadcast = conformanceSection("broadcast", (target) => {
  const meshOf = useMesh(target);
  let mesh: Mesh;
  beforeAll(() => {
    mesh = meshOf();
  });

  it("delivers a broadcast to every other agent's listeners, not back to the sender", async () => {
    const sender = await mesh.agent("bc-sender");
    const a = await mesh.agent("bc-a");
    const b = await mesh.agent("bc-b");
    const own: JsonObject[] = [];
    sender.on("system_update", (p) => own.push(p));
    const atA = next<[JsonObject, Envelope]>((cb) => a.on("system_update", (p, m) => cb([p, m])));
    const atB = next<[JsonObject, Envelope]>((cb) => b.on("system_update", (p, m) => cb([p, m])));
    await sender.broadcast("system_update", {
      update_type: "capability_enhancement",
      details: "more",
    });
    for (const [payload, message] of await Promise.all([atA, atB])) {
      expect(payload).toEqual({ update_type: "capability_enhancement", details: "more" });
      expect(message).toMatchObject({
        sender_id: "bc-sender",
        recipient_id: null,
        message_type: "broadcast",
      });
    }
    expect(own).toEqual([]);
  });

  it("stops delivering to a listener once it is removed, and survives a throwing listener", async () => {
    const sender = await mesh.agent("bc-off-sender");
    const receiver = await mesh.agent("bc-off-receiver");
    const errors: string[] = [];
    receiver.on("handler:error", (e) => errors.push(e.error.message));
    const got: number[] = [];
    const off = receiver.on<{ n: number }>("tick", ({ n }) => got.push(n));
    receiver.on("tick", () => {
      throw new Error("listener broke");
    });
    await sender.broadcast("tick", { n: 1 });
    await eventually(() => got.length === 1, "first tick");
    off();
    await sender.broadcast("tick", { n: 2 });
    await eventually(() => errors.length === 2, "second tick reached the throwing listener");
    expect(got).toEqual([1]);
    expect(errors).toEqual(["listener broke", "listener broke"]);
  });
});
