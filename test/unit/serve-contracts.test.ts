/**
 * The built-in `parley.contracts` request: an agent answers with the contract files of what it
 * serves (on by default), refuses it when told not to serve them, and reserves the name.
 */
import { afterEach, describe, expect, it } from "vitest";
import { CONTRACTS_REQUEST_TYPE, type ContractDocuments } from "../../src/contracts.js";
import { type Agent, createAgent, ErrorCode } from "../../src/index.js";
import { contracts } from "../../src/seed/index.js";
import { createMemoryNetwork, createMemoryTransport } from "../../transports/memory/index.js";

const agents: Agent[] = [];
afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.close()));
});

async function pair(serverOptions: Partial<Parameters<typeof createAgent>[0]>) {
  const network = createMemoryNetwork();
  const server = createAgent({
    id: "server",
    transport: createMemoryTransport({ network }),
    heartbeatIntervalMs: 0,
    contracts,
    ...serverOptions,
  });
  const client = createAgent({
    id: "client",
    transport: createMemoryTransport({ network }),
    heartbeatIntervalMs: 0,
  });
  agents.push(server, client);
  return { server, client };
}

describe("parley.contracts", () => {
  it("answers with the served request types' contract files, the broadcasts and the shared files they use", async () => {
    const { server, client } = await pair({});
    server.handle("knowledge_search", () => ({ results: [] }));
    server.handle("delegate_task", () => ({ status: "completed" }));
    server.handle("ping", () => ({}));
    await server.connect();
    await client.connect();
    const answer = await client.request<ContractDocuments>("server", CONTRACTS_REQUEST_TYPE, {});
    expect(Object.keys(answer.requests)).toEqual(["delegate_task", "knowledge_search"]);
    expect(answer.requests.knowledge_search).toEqual({
      version: contracts.requests.knowledge_search?.version,
      hash: contracts.requests.knowledge_search?.hash,
      file: "requests/knowledge_search.json",
      description: contracts.requests.knowledge_search?.description,
    });
    expect(answer.untyped).toEqual(["ping"]);
    expect(Object.keys(answer.broadcasts).sort()).toEqual(Object.keys(contracts.broadcasts).sort());
    const files = Object.keys(answer.files);
    expect(files).toContain("requests/knowledge_search.json");
    expect(files).toContain("common/task-result.json");
    expect(files).not.toContain("requests/voice_processing.json");
    expect(answer.files["requests/knowledge_search.json"]).toEqual(
      contracts.documents?.["requests/knowledge_search.json"],
    );

    // A handler added later is in the next answer.
    server.handle("voice_processing", () => ({}));
    const again = await client.request<ContractDocuments>("server", CONTRACTS_REQUEST_TYPE, {});
    expect(Object.keys(again.requests)).toContain("voice_processing");
    expect(Object.keys(again.files)).toContain("requests/voice_processing.json");
  });

  it("is answered while every handler slot is busy and the queue is full", async () => {
    const { server, client } = await pair({ concurrency: 1, maxQueue: 0 });
    let started!: () => void;
    const busy = new Promise<void>((resolve) => {
      started = resolve;
    });
    server.handle("knowledge_search", () => {
      started();
      return new Promise(() => {});
    });
    await server.connect();
    await client.connect();
    void client.request("server", "knowledge_search", { query: "q" }).catch(() => {});
    await busy;
    await expect(
      client.request("server", "knowledge_search", { query: "q" }),
    ).rejects.toMatchObject({ code: ErrorCode.overloaded });
    const answer = await client.request<ContractDocuments>("server", CONTRACTS_REQUEST_TYPE, {});
    expect(Object.keys(answer.requests)).toEqual(["knowledge_search"]);
  });

  it("is refused as an unknown request type when serveContracts is off", async () => {
    const { server, client } = await pair({ serveContracts: false });
    server.handle("knowledge_search", () => ({ results: [] }));
    await server.connect();
    await client.connect();
    await expect(client.request("server", CONTRACTS_REQUEST_TYPE, {})).rejects.toMatchObject({
      code: ErrorCode.unknown_request_type,
    });
  });

  it("answers payload_too_large when the documents do not fit maxMessageBytes", async () => {
    const { server, client } = await pair({ maxMessageBytes: 2_000 });
    server.handle("knowledge_search", () => ({ results: [] }));
    await server.connect();
    await client.connect();
    await expect(client.request("server", CONTRACTS_REQUEST_TYPE, {})).rejects.toMatchObject({
      code: ErrorCode.payload_too_large,
    });
  });

  it("answers invalid_response, and stays up, when hand-written documents are not JSON", async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const { server, client } = await pair({
      contracts: { ...contracts, documents: { "common/cyclic.json": cyclic } },
    });
    server.handle("ping", () => ({ pong: true }));
    await server.connect();
    await client.connect();
    await expect(client.request("server", CONTRACTS_REQUEST_TYPE, {})).rejects.toMatchObject({
      code: ErrorCode.invalid_response,
    });
    await expect(client.request("server", "ping", {})).resolves.toEqual({ pong: true });
  });

  it("is a reserved name: no handler may be registered for it or any parley.* type", async () => {
    const { server } = await pair({});
    expect(() => server.handle(CONTRACTS_REQUEST_TYPE, () => ({}))).toThrow(/reserved/);
    expect(() => server.handle("parley.other", () => ({}))).toThrow(/reserved/);
  });
});
