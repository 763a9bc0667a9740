/**
 * `parley mcp` as an LLM host sees it: the SDK's real Client, over stdio (spawning the process as
 * a desktop host does) and over Streamable HTTP, against a private mosquitto with agents on it.
 * Needs `npm run build` (the built bin; `npm test` builds first).
 */
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contracts } from "../../src/generated/contracts.js";
import {
  connectOverHttp,
  connectOverStdio,
  type McpMesh,
  type McpSession,
  startMesh,
} from "./mcp-fixtures.js";

const names = (tools: Tool[]) => tools.map((t) => t.name);
const hasAll =
  (...wanted: string[]) =>
  (tools: Tool[]) =>
    wanted.every((n) => names(tools).includes(n));
const tool = (tools: Tool[], name: string) => tools.find((t) => t.name === name) as Tool;

/** The text items of a tool result. */
function texts(result: { [key: string]: unknown }): string[] {
  return (result.content as { type: string; text: string }[]).map((c) => c.text);
}

describe.each([
  { mode: "stdio", connect: connectOverStdio },
  { mode: "Streamable HTTP", connect: connectOverHttp },
])("parley mcp over $mode", ({ connect }) => {
  let mesh: McpMesh;
  let session: McpSession;
  let tools: Tool[];

  beforeAll(async () => {
    mesh = await startMesh();
    session = await connect(mesh.broker.url);
    tools = await session.toolsWhere(hasAll("knowledge_search", "count", "explode", "translate"));
  });
  afterAll(async () => {
    await session?.close();
    await mesh?.stop();
  });

  it("lists one tool per request type on the mesh, with the contract's schemas and description", () => {
    expect(names(tools)).toEqual(["count", "explode", "knowledge_search", "translate"]);
    const search = tool(tools, "knowledge_search");
    const contract = contracts.requests.knowledge_search;
    expect(search.inputSchema).toEqual({ ...contract?.requestSchema, type: "object" });
    expect(search.outputSchema).toEqual({ ...contract?.responseSchema, type: "object" });
    expect(search.description).toContain(contract?.description);
    expect(search.description).toContain('Served by Parley agent "searcher"');
    expect(search.annotations?.idempotentHint).toBe(true);
  });

  it("gives a type without a contract a permissive schema and says so", () => {
    const translate = tool(tools, "translate");
    expect(translate.inputSchema).toEqual({ type: "object", additionalProperties: true });
    expect(translate.outputSchema).toBeUndefined();
    expect(translate.description).toContain('No contract is known for "translate"');
  });

  it("calls a tool: a Parley request, the response as structuredContent and as text", async () => {
    const result = await session.client.callTool({
      name: "knowledge_search",
      arguments: { query: "privacy" },
    });
    const response = {
      status: "completed",
      result: { hits: ["about privacy"] },
      agent_id: "searcher",
    };
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual(response);
    expect(JSON.parse(texts(result)[0] as string)).toEqual(response);
  });

  it("refuses invalid input with the contract's errors, sending nothing", async () => {
    const before = mesh.searches.length;
    const result = await session.client.callTool({
      name: "knowledge_search",
      arguments: { query: "" },
    });
    expect(result.isError).toBe(true);
    const [line, whole] = texts(result);
    expect(line).toMatch(
      /^invalid_request: arguments of tool "knowledge_search" is invalid: \/query/,
    );
    const error = JSON.parse(whole as string).error;
    expect(error.code).toBe("invalid_request");
    expect(error.details.errors[0]).toMatchObject({ instancePath: "/query", keyword: "minLength" });
    expect(mesh.searches.length).toBe(before);
  });

  it("turns a handler's error into an isError result with its code and message", async () => {
    const result = await session.client.callTool({ name: "explode", arguments: {} });
    expect(result.isError).toBe(true);
    const [line, whole] = texts(result);
    expect(line).toBe("remote_error: the tank is empty");
    expect(JSON.parse(whole as string).error.details.remote_code).toBe("out_of_fuel");
  });

  it("reports streamed parts as progress notifications, before the result, when the host asks", async () => {
    const from = session.received.length;
    const result = await session.client.callTool(
      { name: "count", arguments: { n: 3 } },
      undefined,
      {
        onprogress: () => {},
      },
    );
    expect(result.structuredContent).toEqual({ done: true });
    // Read off the wire: the SDK client runs notification handlers a tick after the response
    // that may arrive with them, so its onprogress can miss the last one.
    const progress = session.received
      .slice(from)
      .filter((m) => "method" in m && m.method === "notifications/progress")
      .map((m) => (m as unknown as { params: { progress: number; message: string } }).params);
    expect(progress.map((p) => [p.progress, JSON.parse(p.message)])).toEqual([
      [1, { i: 1 }],
      [2, { i: 2 }],
      [3, { i: 3 }],
    ]);
    const last = session.received.findLastIndex(
      (m) => "method" in m && m.method === "notifications/progress",
    );
    const response = session.received.findIndex((m, i) => i >= from && "result" in m);
    expect(last).toBeLessThan(response);
  });

  it("sends no progress when the host did not ask", async () => {
    const from = session.received.length;
    const result = await session.client.callTool({ name: "count", arguments: { n: 2 } });
    expect(result.structuredContent).toEqual({ done: true });
    expect(session.received.slice(from).filter((m) => "method" in m)).toEqual([]);
  });

  it("answers an unknown tool with a protocol error", async () => {
    await expect(session.client.callTool({ name: "no_such_tool", arguments: {} })).rejects.toThrow(
      /Unknown tool: no_such_tool/,
    );
  });

  it("tells the host when an agent leaves (tools/list_changed) and drops its types", async () => {
    await mesh.translator.close();
    const after = await session.toolsWhere((list) => !names(list).includes("translate"));
    expect(names(after)).toEqual(["count", "explode", "knowledge_search"]);
  });

  it("writes nothing but MCP JSON on stdout (the client saw no bad line)", () => {
    expect(session.transportErrors).toEqual([]);
  });
});

describe("parley mcp --agents / --types", () => {
  let mesh: McpMesh;
  let session: McpSession;

  beforeAll(async () => {
    mesh = await startMesh();
    session = await connectOverStdio(mesh.broker.url, [
      "--agents",
      "search*",
      "--types",
      "knowledge_*,count,translate",
    ]);
  });
  afterAll(async () => {
    await session?.close();
    await mesh?.stop();
  });

  it("offers only the request types of the agents and types named", async () => {
    // translate passes --types but its agent (translator) is not in --agents.
    const tools = await session.toolsWhere(hasAll("knowledge_search", "count"));
    expect(names(tools)).toEqual(["count", "knowledge_search"]);
  });
});

describe("parley mcp over Streamable HTTP, bad requests", () => {
  let mesh: McpMesh;
  let session: McpSession;
  let url: string;

  beforeAll(async () => {
    mesh = await startMesh();
    session = await connectOverHttp(mesh.broker.url);
    url = session.url as string;
  });
  afterAll(async () => {
    await session?.close();
    await mesh?.stop();
  });

  const headers = {
    "content-type": "application/json",
    accept: "application/json, text/event-stream",
  };
  const list = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" });

  /** Status and JSON-RPC error message of a POST to the endpoint. */
  async function post(extra: Record<string, string>, body = list, at = url) {
    const response = await fetch(at, { method: "POST", headers: { ...headers, ...extra }, body });
    const answer = (await response.json()) as { error?: { message: string } };
    return [response.status, answer.error?.message];
  }

  it("refuses an unknown session with 404", async () => {
    expect(await post({ "mcp-session-id": "no-such-session" })).toEqual([404, "Session not found"]);
  });

  it("refuses a request without a session that is not initialize with 400", async () => {
    expect(await post({})).toEqual([400, "Bad Request: Server not initialized"]);
  });

  it("answers another path with 404 naming the endpoint", async () => {
    expect(await post({}, list, url.replace(/\/mcp$/, "/other"))).toEqual([
      404,
      "Not found: the MCP endpoint is /mcp",
    ]);
  });

  it("still serves its session after them", async () => {
    const tools = await session.toolsWhere(hasAll("knowledge_search"));
    expect(names(tools)).toContain("knowledge_search");
  });
});
