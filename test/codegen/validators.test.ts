/**
 * The generated validators: what the seed actually sends passes, bad payloads yield issues that
 * point at the offending value. Run on this repo's own generated contracts, and on inline
 * schemas that need the inlined formats and helpers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../codegen/index.js";
import { contracts } from "../../src/generated/index.js";
import type { ContractSet } from "../../src/generated/runtime.js";
import { PING_SET, tempDir, writeFiles } from "./codegen-fixtures.js";

function request(name: string) {
  const contract = contracts.requests[name];
  if (contract === undefined) throw new Error(`no contract ${name}`);
  return contract;
}

function broadcast(name: string) {
  const contract = contracts.broadcasts[name];
  if (contract === undefined) throw new Error(`no contract ${name}`);
  return contract;
}

describe("this repo's contracts accept what the seed sends", () => {
  it("delegate_task, as AgentCoordinator.delegate_task sends it (request_type already removed)", () => {
    const payload = {
      task_type: "knowledge_search",
      task_data: { query: "privacy-focused AI assistants" },
      delegating_agent: "alexai-main",
    };
    expect(request("delegate_task").validateRequest(payload)).toEqual([]);
    const result = { status: "completed", result: { hits: [] }, agent_id: "alexai-specialist" };
    expect(request("delegate_task").validateResponse(result)).toEqual([]);
  });

  it("the seed's other requests and its handlers' responses", () => {
    expect(request("query_capabilities").validateRequest({})).toEqual([]);
    const capabilities = {
      agent_id: "alexai-main",
      capabilities: ["chat", "document_processing"],
      status: "active",
      load: "normal",
    };
    expect(request("query_capabilities").validateResponse(capabilities)).toEqual([]);
    expect(
      request("share_knowledge").validateRequest({ knowledge_type: "faq", query: "x" }),
    ).toEqual([]);
    const shared = { shared_knowledge: ["a"], source_agent: "b", knowledge_type: null };
    expect(request("share_knowledge").validateResponse(shared)).toEqual([]);
    const processed = {
      task_id: "t1",
      subtask_result: "Processed subtask: x",
      processing_agent: "b",
      status: "completed",
    };
    expect(request("collaborative_processing").validateResponse(processed)).toEqual([]);
  });

  it("the seed's broadcasts, and Parley's additions to agent_info", () => {
    const agentInfo = {
      name: "AlexAI",
      version: "1.0.0",
      capabilities: ["chat"],
      description: "AI Personal Assistant",
    };
    expect(broadcast("agent_announcement").validatePayload({ agent_info: agentInfo })).toEqual([]);
    const parley = {
      ...agentInfo,
      request_types: ["knowledge_search"],
      contracts: { knowledge_search: request("knowledge_search").hash },
      heartbeat_interval_ms: 30_000,
      pools: ["search-workers"],
    };
    expect(broadcast("agent_announcement").validatePayload({ agent_info: parley })).toEqual([]);
    expect(broadcast("agent_discovery").validatePayload({ requesting_capabilities: true })).toEqual(
      [],
    );
    const update = {
      update_type: "capability_enhancement",
      details: "Added new document processing",
    };
    expect(broadcast("system_update").validatePayload(update)).toEqual([]);
  });
});

describe("bad payloads yield issues with instancePath", () => {
  it("a wrong type points at the field", () => {
    const issues = request("knowledge_search").validateRequest({ query: 42 });
    expect(issues).toEqual([
      expect.objectContaining({
        instancePath: "/query",
        keyword: "type",
        message: "must be string",
      }),
    ]);
  });

  it("a missing required field is reported on its parent", () => {
    const issues = request("delegate_task").validateRequest({ task_type: "knowledge_search" });
    expect(issues.map((i) => [i.instancePath, i.keyword, i.params?.missingProperty])).toEqual([
      ["", "required", "task_data"],
      ["", "required", "delegating_agent"],
    ]);
  });

  it("a nested problem points into the nesting", () => {
    const agentInfo = {
      name: "x",
      version: "1",
      capabilities: ["chat", 7],
      description: "",
      contracts: { knowledge_search: "not-a-hash" },
    };
    const issues = broadcast("agent_announcement").validatePayload({ agent_info: agentInfo });
    expect(issues.map((i) => i.instancePath).sort()).toEqual([
      "/agent_info/capabilities/1",
      "/agent_info/contracts/knowledge_search",
    ]);
  });

  it("non-objects are rejected, not crashed on", () => {
    for (const value of [null, "text", 3, [], undefined]) {
      expect(request("knowledge_search").validateRequest(value)).toEqual([
        expect.objectContaining({ instancePath: "", keyword: "type" }),
      ]);
    }
  });
});

describe("generated validators stand alone (formats and helpers inlined)", () => {
  let cleanup: () => Promise<void>;
  let set: ContractSet;

  beforeAll(async () => {
    const temp = await tempDir();
    cleanup = temp.cleanup;
    const files = await generate(PING_SET, { runtimeImport: null });
    for (const file of files) expect(file.contents).not.toMatch(/\brequire\(|from "ajv/);
    await writeFiles(temp.dir, files);
    set = ((await import(`${temp.dir}/contracts.ts`)) as { contracts: ContractSet }).contracts;
  });
  afterAll(() => cleanup());

  function ping() {
    const contract = set.requests.ping;
    if (contract === undefined) throw new Error("no ping contract");
    return contract;
  }

  it("checks formats", () => {
    const valid = { text: "hi", count: 1, at: "2026-11-24T18:02:03.045+00:00" };
    expect(ping().validateRequest(valid)).toEqual([]);
    const issues = ping().validateRequest({ ...valid, at: "yesterday" });
    expect(issues).toEqual([expect.objectContaining({ instancePath: "/at", keyword: "format" })]);
  });

  it("counts string length in code points", () => {
    expect(ping().validateRequest({ text: "😀", count: 1 })).toEqual([
      expect.objectContaining({ instancePath: "/text", keyword: "minLength" }),
    ]);
    expect(ping().validateRequest({ text: "😀😀", count: 1 })).toEqual([]);
  });

  it("compares structured values deeply (enum, uniqueItems) across a $ref", () => {
    expect(ping().validateResponse({ echo: "x", tags: [{ a: 1 }, "plain"] })).toEqual([]);
    const duplicate = ping().validateResponse({ echo: "x", tags: [{ a: 1 }, { a: 1 }] });
    expect(duplicate).toEqual([
      expect.objectContaining({ instancePath: "/tags", keyword: "uniqueItems" }),
    ]);
    const notInEnum = ping().validateResponse({ echo: "x", tags: [{ a: 2 }] });
    expect(notInEnum).toEqual([
      expect.objectContaining({ instancePath: "/tags/0", keyword: "enum" }),
    ]);
  });

  it("rejects unknown fields where the contract is closed, accepts them where it is open", () => {
    expect(ping().validateRequest({ text: "hi", count: 1, extra: true })).toEqual([
      expect.objectContaining({ instancePath: "", keyword: "additionalProperties" }),
    ]);
    expect(set.broadcasts.news?.validatePayload({ headline: "h", extra: true })).toEqual([]);
  });
});
