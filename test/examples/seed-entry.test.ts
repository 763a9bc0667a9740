/** `parley-a2a/seed`, the typed seed contracts, imported by package name as a user would. */
import { expect, it } from "vitest";
import { runInsidePackage } from "../harness/inside-package.js";

const program = `
import { createAgent } from "parley-a2a";
import { contracts, createContractClient, registerSomeHandlers } from "parley-a2a/seed";
import { createMemoryNetwork, createMemoryTransport } from "parley-a2a/transports/memory";

const network = createMemoryNetwork();
const server = createAgent({ id: "kb", transport: createMemoryTransport({ network }), contracts });
registerSomeHandlers(server, {
  knowledgeSearch: ({ query }) => ({ status: "completed", result: [query], agent_id: "kb" }),
});
const caller = createAgent({ id: "me", transport: createMemoryTransport({ network }), contracts });
await server.connect();
await caller.connect();
const client = createContractClient(caller);
console.log(JSON.stringify(await client.knowledgeSearch("kb", { query: "mqtt" })));
console.log(await client.knowledgeSearch("kb", { query: "" }).catch((e) => e.code));
console.log(Object.keys(contracts.requests).join(","));
await caller.close();
await server.close();
`;

it("serves and calls the seed's request types through parley-a2a/seed, validating both ways", () => {
  const run = runInsidePackage("seed-entry.mjs", program);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  expect(run.stdout.trim().split("\n")).toEqual([
    JSON.stringify({ status: "completed", result: ["mqtt"], agent_id: "kb" }),
    "invalid_request",
    "collaborative_processing,delegate_task,document_analysis,knowledge_search,query_capabilities,share_knowledge,voice_processing",
  ]);
}, 60_000);
