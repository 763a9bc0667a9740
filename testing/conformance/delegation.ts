import { beforeAll, expect, it } from "vitest";
import type { ContractSet } from "../../src/contracts.js";
import { type Agent, ErrorCode, type JsonObject, ParleyError } from "../../src/index.js";
import { eventually, type Mesh } from "./mesh.js";
import { conformanceSection } from "./section.js";
import { useMesh } from "./suite-setup.js";

/** Contracts that mark `lookup` idempotent and `charge` not; no validation. */
const contracts: ContractSet = {
  requests: Object.fromEntries(
    [
      ["lookup", true],
      ["charge", false],
    ].map(([name, idempotent]) => [
      name,
      {
        name: name as string,
        version: "1",
        hash: "h",
        idempotent: idempotent as boolean,
        validateRequest: () => [],
        validateResponse: () => [],
      },
    ]),
  ),
  broadcasts: {},
};

/** A promise the test opens when it chooses: holds a handler mid-request. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

export const delegation = conformanceSection("delegation", (target) => {
  const meshOf = useMesh(target);
  let mesh: Mesh;
  beforeAll(() => {
    mesh = meshOf();
  });

  async function executor(
    id: string,
    capabilities: string[],
    run: (task: JsonObject) => Promise<JsonObject> | JsonObject,
  ): Promise<Agent> {
    const agent = await mesh.agent(id, { card: { capabilities } });
    agent.handle<JsonObject>("delegate_task", (payload) => run(payload));
    return agent;
  }

  /** A connected delegator that already knows both agents with `capability`. */
  async function bossKnowingTwo(
    id: string,
    capability: string,
    options: { contracts?: ContractSet } = {},
  ): Promise<Agent> {
    const boss = await mesh.agent(id, options);
    await eventually(() => boss.directory.withCapability(capability).length === 2, "both known");
    return boss;
  }

  it("sends delegate_task only to online agents with the capability, spreading work round robin", async () => {
    await executor("dg-rr-a", ["dg_search"], () => ({ by: "dg-rr-a" }));
    await executor("dg-rr-b", ["dg_search"], () => ({ by: "dg-rr-b" }));
    await executor("dg-rr-other", ["dg_voice"], () => ({ by: "dg-rr-other" }));
    const boss = await mesh.agent("dg-rr-boss");
    await eventually(
      () => boss.directory.withCapability("dg_search").length === 2,
      "two searchers known",
    );
    const results = [];
    for (let i = 0; i < 4; i++)
      results.push(
        await boss.delegate<{ by: string }>("dg_search", { q: i }, { strategy: "round_robin" }),
      );
    expect(results.map((r) => r.by).sort()).toEqual(["dg-rr-a", "dg-rr-a", "dg-rr-b", "dg-rr-b"]);
  });

  it("by default (least loaded) delegates to the agent whose reported load is lower", async () => {
    const release = gate();
    const busy = await mesh.agent("dg-ll-busy", {
      card: { capabilities: ["dg_ocr"] },
      concurrency: 4,
    });
    busy.handle("delegate_task", () => ({ by: "dg-ll-busy" }));
    busy.handle("dg_hold", () => release.opened.then(() => ({})));
    await executor("dg-ll-idle", ["dg_ocr"], () => ({ by: "dg-ll-idle" }));
    const boss = await bossKnowingTwo("dg-ll-boss", "dg_ocr");
    // Two requests in progress put busy's load at 2/4, which reaches the boss in its heartbeat
    // or card; idle's is at most 1/4 even if reported mid-task.
    const held = [1, 2].map(() => boss.request("dg-ll-busy", "dg_hold", {}, { timeout: 10_000 }));
    await eventually(
      () => (boss.directory.get("dg-ll-busy")?.load ?? 0) >= 0.5,
      "busy's load reported",
    );
    const picked = [];
    for (let i = 0; i < 3; i++) picked.push((await boss.delegate<{ by: string }>("dg_ocr", {})).by);
    expect(picked).toEqual(["dg-ll-idle", "dg-ll-idle", "dg-ll-idle"]);
    release.open();
    await Promise.all(held);
  });

  it("with lowest_latency delegates to the agent whose responses came back faster", async () => {
    const release = gate();
    await executor("dg-lat-slow", ["dg_tts"], async () => {
      await release.opened;
      return { by: "dg-lat-slow" };
    });
    await executor("dg-lat-fast", ["dg_tts"], () => ({ by: "dg-lat-fast" }));
    const boss = await bossKnowingTwo("dg-lat-boss", "dg_tts");
    // One measured round trip each: slow's answer is held until well after fast's came back.
    const slowAnswer = boss.request("dg-lat-slow", "delegate_task", {}, { timeout: 10_000 });
    await boss.request("dg-lat-fast", "delegate_task", {});
    setTimeout(release.open, 100);
    await slowAnswer;
    const picked = [];
    for (let i = 0; i < 3; i++)
      picked.push(
        (await boss.delegate<{ by: string }>("dg_tts", {}, { strategy: "lowest_latency" })).by,
      );
    expect(picked).toEqual(["dg-lat-fast", "dg-lat-fast", "dg-lat-fast"]);
  });

  it("passes the seed's delegate_task payload and honours a preferred agent", async () => {
    const seen: JsonObject[] = [];
    await executor("dg-pref-a", ["dg_doc"], (task) => {
      seen.push(task);
      return { ok: true };
    });
    await executor("dg-pref-b", ["dg_doc"], () => ({ ok: false }));
    const boss = await bossKnowingTwo("dg-pref-boss", "dg_doc");
    await expect(
      boss.delegate("dg_doc", { text: "hi" }, { preferredAgent: "dg-pref-a" }),
    ).resolves.toEqual({ ok: true });
    expect(seen).toEqual([
      { task_type: "dg_doc", task_data: { text: "hi" }, delegating_agent: "dg-pref-boss" },
    ]);
  });

  it("rejects with unavailable when no online agent has the capability", async () => {
    const boss = await mesh.agent("dg-none-boss");
    await expect(boss.delegate("dg_nobody_does_this", {})).rejects.toMatchObject({
      code: ErrorCode.unavailable,
    });
  });

  it("fails over to the next capable agent after a timeout when the task is idempotent", async () => {
    await executor("dg-fo-1", ["lookup"], () => new Promise(() => {}));
    await executor("dg-fo-2", ["lookup"], () => ({ by: "dg-fo-2" }));
    const boss = await bossKnowingTwo("dg-fo-boss", "lookup", { contracts });
    await expect(
      boss.delegate("lookup", {}, { preferredAgent: "dg-fo-1", timeout: 300 }),
    ).resolves.toEqual({ by: "dg-fo-2" });
  });

  it("fails over to the next capable agent when one replies unavailable and the task is idempotent", async () => {
    await executor("dg-fu-1", ["dg_fu_lookup"], () => {
      throw new ParleyError(ErrorCode.unavailable, "index offline");
    });
    await executor("dg-fu-2", ["dg_fu_lookup"], () => ({ by: "dg-fu-2" }));
    const boss = await bossKnowingTwo("dg-fu-boss", "dg_fu_lookup", { contracts });
    await expect(
      boss.delegate("lookup", {}, { capability: "dg_fu_lookup", preferredAgent: "dg-fu-1" }),
    ).resolves.toEqual({
      by: "dg-fu-2",
    });
  });

  it("does not fail over on unavailable when the task is not idempotent", async () => {
    let secondRan = false;
    await executor("dg-nofu-1", ["dg_nofu_charge"], () => {
      throw new ParleyError(ErrorCode.unavailable, "till closed");
    });
    await executor("dg-nofu-2", ["dg_nofu_charge"], () => {
      secondRan = true;
      return {};
    });
    const boss = await bossKnowingTwo("dg-nofu-boss", "dg_nofu_charge", { contracts });
    await expect(
      boss.delegate("charge", {}, { capability: "dg_nofu_charge", preferredAgent: "dg-nofu-1" }),
    ).rejects.toMatchObject({ code: ErrorCode.unavailable, message: "till closed" });
    expect(secondRan).toBe(false);
  });

  it("does not fail over when the task is not idempotent", async () => {
    let secondRan = false;
    await executor("dg-nofo-1", ["charge"], () => new Promise(() => {}));
    await executor("dg-nofo-2", ["charge"], () => {
      secondRan = true;
      return {};
    });
    const boss = await bossKnowingTwo("dg-nofo-boss", "charge", { contracts });
    const error = (await boss
      .delegate("charge", {}, { preferredAgent: "dg-nofo-1", timeout: 300 })
      .catch((e: unknown) => e)) as ParleyError;
    expect(error.code).toBe(ErrorCode.timeout);
    expect(secondRan).toBe(false);
  });
});
