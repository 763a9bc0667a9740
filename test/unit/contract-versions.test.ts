/**
 * Version-aware calls on the memory transport: an agent's card says which version of each
 * contract it serves, and a caller (the generated client, or any agent with contracts) on another
 * major version gets `incompatible_contract` before anything reaches the wire, unless it asks to
 * send anyway.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ContractSet } from "../../src/contracts.js";
import { contracts } from "../../src/generated/contracts.js";
import { createContractClient } from "../../src/generated/index.js";
import {
  type Agent,
  type AgentOptions,
  createAgent,
  ErrorCode,
  type JsonObject,
  ParleyError,
} from "../../src/index.js";
import type { InboundMessage } from "../../src/transport.js";
import { createMemoryNetwork, createMemoryTransport } from "../../transports/memory/index.js";

/** A valid knowledge_search response (the seed's task result). */
const RESULT = { status: "completed", result: { matches: [] }, agent_id: "x" };

/** The seed's contracts with `type` served under `version`. */
function withVersion(type: string, version: string): ContractSet {
  const contract = contracts.requests[type];
  if (contract === undefined) throw new Error(`no contract ${type}`);
  return { ...contracts, requests: { ...contracts.requests, [type]: { ...contract, version } } };
}

describe("version-aware calls", () => {
  const network = createMemoryNetwork();
  const agents: Agent[] = [];
  afterEach(async () => {
    await Promise.all(agents.splice(0).map((a) => a.close()));
  });

  function agent(id: string, options: Partial<Omit<AgentOptions, "id" | "transport">> = {}) {
    const made = createAgent({ id, transport: createMemoryTransport({ network }), ...options });
    agents.push(made);
    return made;
  }

  /** A connected server serving knowledge_search under `serverContracts`, counting its runs. */
  async function searchServer(id: string, serverContracts: ContractSet | undefined) {
    const server = agent(id, serverContracts === undefined ? {} : { contracts: serverContracts });
    const runs: JsonObject[] = [];
    server.handle("knowledge_search", (payload: JsonObject) => {
      runs.push(payload);
      return { ...RESULT, agent_id: id };
    });
    await server.connect();
    return { server, runs };
  }

  /** A connected caller that has seen `serverIds` come online (their cards in its directory). */
  async function callerSeeing(id: string, serverIds: string[], options = {}) {
    const caller = agent(id, options);
    const waiting = new Set(serverIds);
    const allOnline = new Promise<void>((resolve) => {
      const off = caller.on("agent:online", (info) => {
        waiting.delete(info.id);
        if (waiting.size > 0) return;
        off();
        resolve();
      });
    });
    await caller.connect();
    await allOnline;
    return caller;
  }

  /** Every request published to `to`'s inbox, as a raw client on the network sees it. */
  async function wiretap(to: string): Promise<InboundMessage[]> {
    const raw = createMemoryTransport({ network });
    await raw.connect({ clientId: `tap-${to}` });
    const seen: InboundMessage[] = [];
    await raw.subscribe(`a2a/${to}/request`, (m) => seen.push(m), { qos: 1 });
    return seen;
  }

  it("the card advertises each served contract's version, and other agents' directories hold it", async () => {
    const { server } = await searchServer("v2-card", withVersion("knowledge_search", "2.1.0"));
    server.handle("plain", () => ({}));
    expect(server.card().contract_versions).toEqual({ knowledge_search: "2.1.0" });
    const caller = await callerSeeing("card-reader", ["v2-card"]);
    expect(caller.directory.get("v2-card")?.contractVersions).toEqual({
      knowledge_search: "2.1.0",
    });
  });

  it("the generated client refuses a v2 agent with incompatible_contract and sends nothing; ignoreContractVersion sends", async () => {
    const { runs } = await searchServer("v2-search", withVersion("knowledge_search", "2.0.0"));
    const seen = await wiretap("v2-search");
    const client = createContractClient(await callerSeeing("v1-caller", ["v2-search"]));

    const error = await client.knowledgeSearch("v2-search", { query: "privacy" }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ParleyError);
    expect((error as ParleyError).code).toBe(ErrorCode.incompatible_contract);
    expect((error as ParleyError).details).toEqual({
      to: "v2-search",
      request_type: "knowledge_search",
      caller_version: "1.0.0",
      agent_version: "2.0.0",
    });

    const response = await client.knowledgeSearch(
      "v2-search",
      { query: "anyway" },
      { ignoreContractVersion: true },
    );
    expect(response.agent_id).toBe("v2-search");
    expect(runs).toEqual([{ query: "anyway" }]);
    // The one request on the wire is the one sent anyway.
    expect(seen).toHaveLength(1);
  });

  it("calls an agent on the same major version (another minor) and one whose card names no version", async () => {
    await searchServer("v1-3-search", withVersion("knowledge_search", "1.3.0"));
    await searchServer("unversioned", undefined);
    const client = createContractClient(
      await callerSeeing("v1-0-caller", ["v1-3-search", "unversioned"]),
    );
    expect((await client.knowledgeSearch("v1-3-search", { query: "a" })).agent_id).toBe(
      "v1-3-search",
    );
    expect((await client.knowledgeSearch("unversioned", { query: "b" })).agent_id).toBe(
      "unversioned",
    );
  });

  it("a plain request from an agent with contracts is checked against its own contract's version", async () => {
    await searchServer("v3-search", withVersion("knowledge_search", "3.0.0"));
    const caller = await callerSeeing("contracted-caller", ["v3-search"], { contracts });
    await expect(
      caller.request("v3-search", "knowledge_search", { query: "q" }),
    ).rejects.toMatchObject({ code: ErrorCode.incompatible_contract });
    // Told the version outright, it trusts that over its contracts.
    await expect(
      caller.request("v3-search", "knowledge_search", { query: "q" }, { contractVersion: "3.2.0" }),
    ).resolves.toMatchObject({ agent_id: "v3-search" });
  });

  it("delegation passes over an agent on another major version, even for a task that is not idempotent", async () => {
    const delegated: string[] = [];
    for (const [id, version] of [
      ["pool-a", "2.0.0"],
      ["pool-b", "1.0.0"],
    ] as const) {
      const worker = agent(id, {
        contracts: withVersion("delegate_task", version),
        card: { capabilities: ["document_processing"] },
      });
      worker.handle("delegate_task", () => {
        delegated.push(id);
        return { status: "completed", result: "done", agent_id: id };
      });
      await worker.connect();
    }
    const caller = await callerSeeing("delegator", ["pool-a", "pool-b"], { contracts });
    const result = await caller.delegate<{ agent_id: string }>(
      "document_analysis",
      { document: "d" },
      { preferredAgent: "pool-a" },
    );
    expect(result.agent_id).toBe("pool-b");
    expect(delegated).toEqual(["pool-b"]);
  });
});
