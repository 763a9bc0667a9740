/**
 * What the generated client and registerHandlers do at run time, on this repo's own generated
 * code, against a recording AgentLike.
 */
import { describe, expect, it } from "vitest";
import {
  type AgentLike,
  type ContractHandlers,
  createContractClient,
  type KnowledgeSearchRequest,
  registerHandlers,
  registerSomeHandlers,
} from "../../src/generated/index.js";
import type { Envelope, HandlerContext } from "../../src/generated/runtime.js";

type Handler = (payload: unknown, ctx: HandlerContext) => unknown;

function recordingAgent() {
  const calls: unknown[][] = [];
  const handlers = new Map<string, Handler>();
  const listeners = new Map<string, (payload: unknown, message: Envelope) => void>();
  const agent: AgentLike = {
    request: async <T>(...args: unknown[]) => {
      calls.push(["request", ...args]);
      return { status: "completed", result: "r", agent_id: "b" } as T;
    },
    handle: (type, handler) => {
      handlers.set(type, handler as Handler);
      return () => handlers.delete(type);
    },
    broadcast: async (...args) => {
      calls.push(["broadcast", ...args]);
    },
    on: (type, listener) => {
      listeners.set(type, listener as (payload: unknown, message: Envelope) => void);
      return () => listeners.delete(type);
    },
  };
  return { agent, calls, handlers, listeners };
}

const ctx = { sender: "alexai-main" } as HandlerContext;

describe("generated client", () => {
  it("sends each request under its wire name with the caller's payload and options", async () => {
    const { agent, calls } = recordingAgent();
    const client = createContractClient(agent);
    const request: KnowledgeSearchRequest = { query: "privacy" };
    const response = await client.knowledgeSearch("alexai-specialist", request, { timeout: 50 });
    expect(response).toEqual({ status: "completed", result: "r", agent_id: "b" });
    expect(calls).toEqual([
      [
        "request",
        "alexai-specialist",
        "knowledge_search",
        { query: "privacy" },
        { contractVersion: "1.0.0", timeout: 50 },
      ],
    ]);
  });

  it("broadcasts and listens per broadcast type", async () => {
    const { agent, calls, listeners } = recordingAgent();
    const client = createContractClient(agent);
    await client.broadcastSystemUpdate(
      { update_type: "capability_enhancement", details: "d" },
      { priority: 3 },
    );
    expect(calls).toEqual([
      [
        "broadcast",
        "system_update",
        { update_type: "capability_enhancement", details: "d" },
        { priority: 3 },
      ],
    ]);
    const seen: string[] = [];
    const off = client.onAgentDiscovery((payload) =>
      seen.push(String(payload.requesting_capabilities)),
    );
    listeners.get("agent_discovery")?.({ requesting_capabilities: true }, {} as Envelope);
    expect(seen).toEqual(["true"]);
    off();
    expect(listeners.has("agent_discovery")).toBe(false);
  });
});

describe("registerHandlers", () => {
  class Specialist implements ContractHandlers {
    readonly id = "alexai-specialist";
    async knowledgeSearch(request: KnowledgeSearchRequest) {
      return { status: "completed", result: `found ${request.query}`, agent_id: this.id };
    }
    async delegateTask() {
      return { status: "completed", result: null, agent_id: this.id };
    }
    async documentAnalysis() {
      return { status: "completed", result: null, agent_id: this.id };
    }
    async voiceProcessing() {
      return { status: "completed", result: null, agent_id: this.id };
    }
    async queryCapabilities(_request: unknown, context: HandlerContext) {
      return {
        agent_id: this.id,
        capabilities: [context.sender],
        status: "active",
        load: "normal",
      };
    }
    async shareKnowledge() {
      return { shared_knowledge: null, source_agent: this.id };
    }
    async collaborativeProcessing() {
      return {
        task_id: null,
        subtask_result: null,
        processing_agent: this.id,
        status: "completed",
      };
    }
  }

  it("registers every request type, calls methods on the implementation, and unregisters all", async () => {
    const { agent, handlers } = recordingAgent();
    const off = registerHandlers(agent, new Specialist());
    expect([...handlers.keys()].sort()).toEqual([
      "collaborative_processing",
      "delegate_task",
      "document_analysis",
      "knowledge_search",
      "query_capabilities",
      "share_knowledge",
      "voice_processing",
    ]);
    const search = await handlers.get("knowledge_search")?.({ query: "x" }, ctx);
    expect(search).toEqual({
      status: "completed",
      result: "found x",
      agent_id: "alexai-specialist",
    });
    const caps = await handlers.get("query_capabilities")?.({}, ctx);
    expect(caps).toMatchObject({ capabilities: ["alexai-main"] });
    off();
    expect(handlers.size).toBe(0);
  });

  it("registerSomeHandlers registers only what the implementation has", () => {
    const { agent, handlers } = recordingAgent();
    registerSomeHandlers(agent, {
      queryCapabilities: () => ({
        agent_id: "a",
        capabilities: [],
        status: "active",
        load: "normal",
      }),
    });
    expect([...handlers.keys()]).toEqual(["query_capabilities"]);
  });
});
