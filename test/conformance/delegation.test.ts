import { beforeAll, describe, expect, it } from "vitest";
import {
  type Agent,
  type ContractSet,
  ErrorCode,
  type JsonObject,
  type ParleyError,
} from "../../src/index.js";
import { eventually, type Mesh } from "./mesh.js";
import { useMesh } from "./suite-setup.js";
import { targets } from "./targets.js";

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

describe.each(targets)("delegation on $name", (target) => {
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

  it("passes the seed's delegate_task payload and honours a preferred agent", async () => {
    const seen: JsonObject[] = [];
    await executor("dg-pref-a", ["dg_doc"], (task) => {
      seen.push(task);
      return { ok: true };
    });
    await executor("dg-pref-b", ["dg_doc"], () => ({ ok: false }));
    const boss = await mesh.agent("dg-pref-boss");
    await eventually(() => boss.directory.withCapability("dg_doc").length === 2, "both known");
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
    const boss = await mesh.agent("dg-fo-boss", { contracts });
    await eventually(() => boss.directory.withCapability("lookup").length === 2, "both known");
    await expect(
      boss.delegate("lookup", {}, { preferredAgent: "dg-fo-1", timeout: 300 }),
    ).resolves.toEqual({ by: "dg-fo-2" });
  });

  it("does not fail over when the task is not idempotent", async () => {
    let secondRan = false;
    await executor("dg-nofo-1", ["charge"], () => new Promise(() => {}));
    await executor("dg-nofo-2", ["charge"], () => {
      secondRan = true;
      return {};
    });
    const boss = await mesh.agent("dg-nofo-boss", { contracts });
    await eventually(() => boss.directory.withCapability("charge").length === 2, "both known");
    const error = (await boss
      .delegate("charge", {}, { preferredAgent: "dg-nofo-1", timeout: 300 })
      .catch((e: unknown) => e)) as ParleyError;
    expect(error.code).toBe(ErrorCode.timeout);
    expect(secondRan).toBe(false);
  });
});
