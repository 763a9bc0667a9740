/** The ready-made coordinator, through the generated client, on the memory transport. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContractClient } from "../src/generated/index.js";
import { type Agent, createAgent, ErrorCode, type ParleyError } from "../src/index.js";
import { createCoordinator } from "../src/seed/index.js";
import type { RejectedMessage } from "../src/transport.js";
import { eavesdrop, eventually } from "../testing/conformance/mesh.js";
import { createMemoryNetwork, createMemoryTransport } from "../transports/memory/index.js";

describe("coordinator", () => {
  const network = createMemoryNetwork();
  let worker: Agent;
  let boss: Agent;
  let plain: Agent;

  beforeAll(async () => {
    worker = createCoordinator({
      id: "co-worker",
      transport: createMemoryTransport({ network }),
      executors: { knowledge_search: ({ query }) => ({ matches: [`about ${query}`] }) },
      collaborate: (request) => `did ${String(request.subtask)}`,
    });
    boss = createCoordinator({ id: "co-boss", transport: createMemoryTransport({ network }) });
    plain = createAgent({ id: "co-plain", transport: createMemoryTransport({ network }) });
    await worker.connect();
    await boss.connect();
    await plain.connect();
    await eventually(
      () => boss.directory.get("co-worker") !== undefined,
      "the worker in the directory",
    );
  });
  afterAll(async () => {
    await Promise.all([worker.close(), boss.close(), plain.close()]);
  });

  it("announces its executors' capabilities as the seed names them, and every contract it serves", () => {
    const info = boss.directory.get("co-worker");
    expect(info?.capabilities).toEqual(["knowledge_base_search"]);
    expect(info?.requestTypes).toEqual([
      "collaborative_processing",
      "delegate_task",
      "document_analysis",
      "knowledge_search",
      "query_capabilities",
      "share_knowledge",
      "voice_processing",
    ]);
    expect(Object.keys(info?.contracts ?? {})).toHaveLength(7);
  });

  it("takes delegated tasks found by the contract's capability", async () => {
    await expect(boss.delegate("knowledge_search", { query: "privacy" })).resolves.toEqual({
      status: "completed",
      result: { matches: ["about privacy"] },
      agent_id: "co-worker",
    });
  });

  it("serves the generated client's typed calls", async () => {
    const client = createContractClient(plain);
    await expect(client.knowledgeSearch("co-worker", { query: "mqtt" })).resolves.toMatchObject({
      result: { matches: ["about mqtt"] },
    });
    await expect(client.queryCapabilities("co-worker", {})).resolves.toMatchObject({
      agent_id: "co-worker",
      capabilities: ["knowledge_base_search"],
      status: "active",
      load: "normal",
    });
    await expect(
      client.shareKnowledge("co-worker", { query: "q", knowledge_type: "facts" }),
    ).resolves.toEqual({
      shared_knowledge: { matches: ["about q"] },
      source_agent: "co-worker",
      knowledge_type: "facts",
    });
    await expect(
      client.collaborativeProcessing("co-worker", { task_id: "t1", subtask: "part 2" }),
    ).resolves.toEqual({
      task_id: "t1",
      subtask_result: "did part 2",
      processing_agent: "co-worker",
      status: "completed",
    });
  });

  it("reports a task it has no executor for with the contract's application error code", async () => {
    const error = (await plain
      .request("co-worker", "delegate_task", {
        task_type: "voice_processing",
        task_data: {},
        delegating_agent: "co-plain",
      })
      .catch((e: unknown) => e)) as ParleyError;
    expect(error.code).toBe(ErrorCode.remote_error);
    expect(error.details.remote_code).toBe("unsupported_task_type");
  });

  it("refuses a request that breaks its contract with invalid_request, naming the field", async () => {
    const error = (await plain
      .request("co-worker", "knowledge_search", { query: 42 })
      .catch((e: unknown) => e)) as ParleyError;
    expect(error.code).toBe(ErrorCode.invalid_request);
    expect(error.message).toContain("/query");
  });

  it("checks delegated task_data against the task's contract", async () => {
    const error = (await plain
      .request("co-worker", "delegate_task", {
        task_type: "knowledge_search",
        task_data: { nope: 1 },
        delegating_agent: "co-plain",
      })
      .catch((e: unknown) => e)) as ParleyError;
    expect(error.details.remote_code).toBe("invalid_task_data");
  });

  it("refuses an invalid outbound request locally, before anything is sent", async () => {
    const spy = createMemoryTransport({ network });
    await spy.connect({ clientId: "co-spy" });
    const wire = await eavesdrop(spy, "a2a/co-worker/request");
    const workerRejected: RejectedMessage[] = [];
    const off = worker.on("message:rejected", (r) => workerRejected.push(r));
    try {
      const error = (await boss
        .request("co-worker", "knowledge_search", { query: 1 })
        .catch((e: unknown) => e)) as ParleyError;
      expect(error.code).toBe(ErrorCode.invalid_request);
      // The worker's own refusal would name it as `agent`; this one was raised by the boss.
      expect(error.details.agent).toBeUndefined();
      // Had the invalid request been published, it would reach the wire before this valid one.
      await boss.request("co-worker", "knowledge_search", { query: "valid" });
      await eventually(() => wire.envelopes().length > 0, "the valid request on the wire");
      expect(wire.envelopes().map((e) => e.payload.query)).toEqual(["valid"]);
      expect(workerRejected).toEqual([]);
    } finally {
      off();
      await spy.close();
    }
  });
});
