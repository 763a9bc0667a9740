/** `parley-a2a/seed`, the typed seed contracts, imported by package name as a user would. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { repoPath } from "../harness/seed-python.js";

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
  // Inside the package folder, so "parley-a2a/..." resolves to this package through its exports map.
  const dir = mkdtempSync(join(repoPath("test"), ".seed-entry-"));
  try {
    const file = join(dir, "seed-entry.mjs");
    writeFileSync(file, program);
    const run = spawnSync(process.execPath, [file], { encoding: "utf8", timeout: 30_000 });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split("\n")).toEqual([
      JSON.stringify({ status: "completed", result: ["mqtt"], agent_id: "kb" }),
      "invalid_request",
      "collaborative_processing,delegate_task,document_analysis,knowledge_search,query_capabilities,share_knowledge,voice_processing",
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
