import { afterEach, describe, expect, it } from "vitest";
import { type Agent, createAgent } from "../../src/index.js";
import { interceptorFor } from "../../src/interceptors.js";
import { createMemoryNetwork, createMemoryTransport } from "../../transports/memory/index.js";

interface SearchRequest {
  query: string;
  limit?: number;
}
interface SearchResponse {
  hits: string[];
}

const network = createMemoryNetwork();
const agents: Agent[] = [];
afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.close()));
});
async function agent(id: string, options: Parameters<typeof createAgent>[0]["interceptors"] = []) {
  const made = createAgent({
    id,
    transport: createMemoryTransport({ network }),
    interceptors: options,
  });
  agents.push(made);
  await made.connect();
  return made;
}

describe("interceptorFor", () => {
  it("runs typed hooks for its request type only, on both sides", async () => {
    const seen: string[] = [];
    const limitSearches = interceptorFor<SearchRequest, SearchResponse>("search", {
      async outbound(call, next) {
        // The hooks are typed by the contract (npm run typecheck fails on misuse):
        // @ts-expect-error a SearchRequest has no `topic`
        void call.payload.topic;
        call.payload = { ...call.payload, limit: call.payload.limit ?? 10 };
        const response = await next();
        // @ts-expect-error a SearchResponse's hits are strings
        void (response.hits[0] satisfies number | undefined);
        seen.push(`caller saw ${response.hits.length} hits`);
        return response;
      },
      async inbound(call, next) {
        seen.push(`responder got "${call.payload.query}" limit ${call.payload.limit}`);
        const response = await next();
        return { hits: response.hits.slice(0, 1) };
      },
    });
    const server = await agent("ci-server", [limitSearches]);
    server.handle<SearchRequest, SearchResponse>("search", ({ query }) => ({
      hits: [query, query],
    }));
    server.handle("other", () => ({ untouched: true }));
    const client = await agent("ci-client", [limitSearches]);
    await expect(client.request("ci-server", "search", { query: "q" })).resolves.toEqual({
      hits: ["q"],
    });
    await expect(client.request("ci-server", "other", {})).resolves.toEqual({ untouched: true });
    expect(seen).toEqual(['responder got "q" limit 10', "caller saw 1 hits"]);
  });
});
