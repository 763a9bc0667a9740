/**
 * Delegation: a coordinator delegates the seed's tasks to capable agents it discovered, spreads
 * them by strategy, and fails over to another agent when one stops answering (the
 * knowledge_search contract is idempotent, so retrying elsewhere is safe).
 *
 *   npx tsx examples/delegation/main.ts [URL]
 */
import { createCoordinator } from "../../src/seed/index.js";
import { exampleTransport } from "../example-transport.js";

const search = (name: string) => ({
  knowledge_search: ({ query }: { query: string }) => ({
    answer: `${name} found 3 notes about ${query}`,
  }),
});
const boss = createCoordinator({ id: "boss", transport: exampleTransport() });
const librarian = createCoordinator({
  id: "librarian",
  transport: exampleTransport(),
  executors: search("librarian"),
});
const archivist = createCoordinator({
  id: "archivist",
  transport: exampleTransport(),
  executors: search("archivist"),
});
let stuck = false;
const flaky = createCoordinator({
  id: "flaky",
  transport: exampleTransport(),
  executors: {
    knowledge_search: () => (stuck ? new Promise(() => {}) : { answer: "flaky found it" }),
  },
});

for (const agent of [librarian, archivist, flaky, boss]) await agent.connect();
while (boss.directory.withCapability("knowledge_base_search").length < 3)
  await new Promise((r) => setTimeout(r, 10));
console.log(
  `[boss] capable agents: ${boss.directory
    .withCapability("knowledge_base_search")
    .map((a) => a.id)
    .join(", ")}`,
);

for (let i = 0; i < 3; i++) {
  const result = await boss.delegate<{ result: { answer: string } }>(
    "knowledge_search",
    { query: `topic ${i}` },
    { strategy: "round_robin" },
  );
  console.log(`[boss] round robin -> ${result.result.answer}`);
}

stuck = true;
const rescued = await boss.delegate<{ agent_id: string }>(
  "knowledge_search",
  { query: "failover" },
  { preferredAgent: "flaky", timeout: 300 },
);
console.log(`[boss] flaky timed out; failed over to ${rescued.agent_id}`);

for (const agent of [boss, librarian, archivist, flaky]) await agent.close();
