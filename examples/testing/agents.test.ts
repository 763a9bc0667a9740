/**
 * Testing agents with parley-a2a/testing (docs/testing.md): a handler through its generated
 * client, a timeout in virtual time, and a delegation that fails over under a partition. In a
 * project of your own, import from "parley-a2a", "parley-a2a/testing" and your generated code.
 *
 *   npx vitest run --config examples/testing/vitest.config.ts
 */
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import {
  contracts,
  createContractClient,
  registerSomeHandlers,
  type TaskResult,
} from "../../src/generated/index.js";
import { type Agent, createAgent, ErrorCode, ParleyError } from "../../src/index.js";
import { createCoordinator } from "../../src/seed/index.js";
import { createTestNetwork, type TestNetwork } from "../../testing/index.js";

let network: TestNetwork;
const agents: Agent[] = [];

/** Connects `agent` on the test network, to be closed after the test. */
async function started(agent: Agent): Promise<Agent> {
  agents.push(agent);
  await agent.connect();
  return agent;
}

beforeEach(() => {
  network = createTestNetwork({ seed: 42 });
});

afterEach(async () => {
  await Promise.all(agents.splice(0).map((agent) => agent.close()));
  vi.useRealTimers();
});

/** The handler under test: searches a tiny in-memory knowledge base. */
function librarian(id = "librarian"): Agent {
  const agent = createAgent({ id, transport: network.transport(), contracts });
  registerSomeHandlers(agent, {
    knowledgeSearch: ({ query }): TaskResult => ({
      status: "completed",
      result: { hits: query === "otters" ? ["Otters hold hands while they sleep."] : [] },
      agent_id: id,
    }),
  });
  return agent;
}

it("answers knowledge_search through the generated client, validated both ways", async () => {
  await started(librarian());
  const client = createContractClient(
    await started(createAgent({ id: "reader", transport: network.transport(), contracts })),
  );
  await expect(client.knowledgeSearch("librarian", { query: "otters" })).resolves.toEqual({
    status: "completed",
    result: { hits: ["Otters hold hands while they sleep."] },
    agent_id: "librarian",
  });
  // The contract says `query` is a string: the caller's own check refuses this before sending.
  await expect(
    client.knowledgeSearch("librarian", { query: 7 } as unknown as { query: string }),
  ).rejects.toMatchObject({ code: ErrorCode.invalid_request });
  // Every message crossed the network and was captured, decoded.
  const requests = network.captured.filter((m) => m.envelope?.message_type === "request");
  expect(requests.map((m) => m.envelope?.payload)).toEqual([
    { request_type: "knowledge_search", query: "otters" },
  ]);
});

it("times a slow search out after two minutes, in virtual time", async () => {
  vi.useFakeTimers();
  const slow = await started(createAgent({ id: "slow", transport: network.transport() }));
  slow.handle("knowledge_search", () => new Promise(() => {}));
  const client = createContractClient(
    await started(createAgent({ id: "impatient", transport: network.transport() })),
  );
  const answer = client
    .knowledgeSearch("slow", { query: "anything" }, { timeout: 120_000 })
    .catch((error: unknown) => error);
  await vi.advanceTimersByTimeAsync(120_000);
  const error = await answer;
  expect(error).toBeInstanceOf(ParleyError);
  expect((error as ParleyError).code).toBe(ErrorCode.timeout);
});

it("fails a delegation over to another librarian when a partition cuts the first one off", async () => {
  const executors = (id: string) => ({
    knowledge_search: () => ({ found_by: id }),
  });
  const boss = await started(createCoordinator({ id: "boss", transport: network.transport() }));
  for (const id of ["near", "far"])
    await started(
      createCoordinator({ id, transport: network.transport(), executors: executors(id) }),
    );
  await vi.waitFor(() =>
    expect(boss.directory.withCapability("knowledge_base_search")).toHaveLength(2),
  );
  network.partition("boss", "near");
  vi.useFakeTimers();
  // knowledge_search is idempotent in its contract, so the boss may ask another agent.
  const answer = boss.delegate<TaskResult>(
    "knowledge_search",
    { query: "otters" },
    { preferredAgent: "near", timeout: 5_000 },
  );
  await vi.advanceTimersByTimeAsync(5_000);
  await expect(answer).resolves.toMatchObject({ agent_id: "far", result: { found_by: "far" } });
  expect(network.counts.partitioned).toBeGreaterThan(0);
});
