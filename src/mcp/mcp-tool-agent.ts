/**
 * The reverse bridge: an MCP server's tools as Parley request types. The agent serves one request
 * type per tool (named as the tool; the payload is the tool's arguments, the response its
 * `structuredContent`, or `{ content }` for a tool without structured output) and announces each
 * tool name as a capability, and it serves the seed's `delegate_task` for them, so
 * `agent.delegate("tool_name", args)` anywhere on the mesh reaches the tool. A tool that reports
 * an error (`isError`) fails the request with the application code `tool_error`.
 */
import { type Agent, createAgent } from "../agent/agent.js";
import type { AgentOptions } from "../agent/options.js";
import { applicationError } from "../errors/application-error.js";
import type { JsonObject } from "../wire/envelope.js";

/** One tool as `tools/list` describes it (the fields used here). */
export interface McpToolInfo {
  readonly name: string;
  readonly description?: string | undefined;
}

/** What a `tools/call` resolves with (the fields used here). */
export interface McpToolResult {
  readonly [key: string]: unknown;
  readonly content?: unknown;
  readonly structuredContent?: { readonly [key: string]: unknown } | undefined;
  readonly isError?: boolean | undefined;
}

/**
 * The part of an MCP client the bridge calls; the SDK's `Client`, connected, is one.
 */
export interface McpToolClient {
  listTools(params?: {
    cursor?: string;
  }): Promise<{ tools: McpToolInfo[]; nextCursor?: string | undefined }>;
  callTool(
    params: { name: string; arguments?: Record<string, unknown> },
    resultSchema?: undefined,
    options?: { signal?: AbortSignal },
  ): Promise<McpToolResult>;
}

/** Options of {@link createMcpToolAgent}: the agent's, and which tools to serve. */
export interface McpToolAgentOptions extends AgentOptions {
  /** Only these tools. @default every tool the server lists */
  readonly tools?: readonly string[] | undefined;
}

/** Every tool the server lists, page after page. */
async function listAllTools(client: McpToolClient): Promise<McpToolInfo[]> {
  const tools: McpToolInfo[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor === undefined ? undefined : { cursor });
    tools.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return tools;
}

/** The text of a tool result's content, for an error message. */
function contentText(result: McpToolResult): string {
  const items = Array.isArray(result.content) ? result.content : [];
  const texts = items
    .map((item: unknown) => (item as { text?: unknown }).text)
    .filter((text): text is string => typeof text === "string");
  return texts.join("\n") || "the tool reported an error";
}

async function callTool(
  client: McpToolClient,
  name: string,
  args: JsonObject,
  signal: AbortSignal,
): Promise<JsonObject> {
  const result = await client.callTool({ name, arguments: args }, undefined, { signal });
  if (result.isError === true)
    throw applicationError("tool_error", contentText(result), { tool: name });
  if (result.structuredContent !== undefined) return result.structuredContent as JsonObject;
  return { content: (result.content ?? []) as JsonObject[] };
}

/**
 * Creates (does not connect) an agent that serves `client`'s tools as request types. The tools are
 * listed once, now; their names join `options.card.capabilities`.
 */
export async function createMcpToolAgent(
  client: McpToolClient,
  options: McpToolAgentOptions,
): Promise<Agent> {
  const { tools: only, ...agentOptions } = options;
  const tools = (await listAllTools(client)).filter(
    (t) => only === undefined || only.includes(t.name),
  );
  const names = tools.map((t) => t.name);
  const card = agentOptions.card ?? {};
  const agent = createAgent({
    ...agentOptions,
    card: { ...card, capabilities: [...(card.capabilities ?? []), ...names] },
  });
  for (const name of names) {
    agent.handle<JsonObject>(name, (args, ctx) => callTool(client, name, args, ctx.signal));
  }
  agent.handle<{ task_type?: unknown; task_data?: unknown }>("delegate_task", async (task, ctx) => {
    const type = task.task_type;
    if (typeof type !== "string" || !names.includes(type))
      throw applicationError(
        "unsupported_task_type",
        `no MCP tool named ${JSON.stringify(type)} here`,
      );
    const data =
      typeof task.task_data === "object" && task.task_data !== null ? task.task_data : {};
    const result = await callTool(client, type, data as JsonObject, ctx.signal);
    return { status: "completed", result, agent_id: agent.id };
  });
  return agent;
}
