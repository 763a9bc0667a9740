/**
 * The MCP server of a mesh: the SDK's low-level `Server` (tools are described by the contracts'
 * JSON Schemas, not zod), answering `tools/list` from a {@link MeshTools} catalog and `tools/call`
 * with a Parley request, and sending `notifications/tools/list_changed` whenever the list changes.
 */
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import type { Agent } from "../agent/agent.js";
import type { JsonObject } from "../wire/envelope.js";
import { loadMcpServerSdk } from "./mcp-sdk.js";
import { type MeshTool, MeshTools, type MeshToolsOptions } from "./mesh-tools.js";
import { callMeshTool } from "./tool-call.js";
import { schemaNote, toolSchemas } from "./tool-schemas.js";

/** Options of an MCP server over the mesh. */
export interface McpServerOptions extends MeshToolsOptions {
  /** How long a call waits for its response, in ms. @default the agent's `defaultTimeoutMs` */
  readonly timeoutMs?: number | undefined;
  /** The name the server gives in `initialize`. @default "parley" */
  readonly name?: string | undefined;
  /** The version the server gives in `initialize`. @default "0.1.0" */
  readonly version?: string | undefined;
}

/** An MCP server of the mesh's tools, to connect to an MCP transport. */
export interface McpMeshServer {
  /** The SDK server: `await server.connect(transport)`. */
  readonly server: Server;
  /** The tools it offers now. */
  readonly tools: MeshTools;
  /** Closes the server (and its transport) and stops following the directory. */
  close(): Promise<void>;
}

function description(tool: MeshTool): string {
  const served =
    tool.agents.length === 1
      ? `Served by Parley agent "${tool.agents[0]}".`
      : `Served by Parley agents ${tool.agents.map((a) => `"${a}"`).join(", ")}; each call goes to the least loaded.`;
  const own = tool.contract?.description;
  return [
    own,
    `Parley request type "${tool.requestType}". ${served}`,
    schemaNote(tool.requestType, tool.contract),
  ]
    .filter((part): part is string => part !== undefined && part !== "")
    .join("\n\n");
}

/** The `tools/list` entry of one tool. */
export function toolDefinition(tool: MeshTool) {
  const { inputSchema, outputSchema } = toolSchemas(tool.contract);
  const idempotent = tool.contract?.idempotent;
  return {
    name: tool.name,
    description: description(tool),
    inputSchema,
    ...(outputSchema ? { outputSchema } : {}),
    ...(idempotent === undefined ? {} : { annotations: { idempotentHint: idempotent } }),
  };
}

/**
 * An MCP server answering from `tools` (shared by every session of an HTTP server); closing it
 * leaves `tools` running.
 */
export async function createMcpServerOn(
  agent: Agent,
  tools: MeshTools,
  options: McpServerOptions = {},
): Promise<Server> {
  const sdk = await loadMcpServerSdk();
  const server = new sdk.Server(
    { name: options.name ?? "parley", version: options.version ?? "0.1.0" },
    {
      capabilities: { tools: { listChanged: true } },
      instructions:
        "Each tool is a request type served by agents on a Parley mesh; the list changes as agents come and go.",
    },
  );
  const { timeoutMs } = options;
  server.setRequestHandler(sdk.ListToolsRequestSchema, () => ({
    tools: tools.list().map(toolDefinition),
  }));
  server.setRequestHandler(sdk.CallToolRequestSchema, async (request, extra) => {
    const { name, arguments: args = {} } = request.params;
    const tool = tools.find(name);
    if (!tool) throw new sdk.McpError(sdk.McpErrorCode.InvalidParams, `Unknown tool: ${name}`);
    const progressToken = request.params._meta?.progressToken;
    const progress =
      progressToken === undefined
        ? undefined
        : (count: number, part: unknown) =>
            extra.sendNotification({
              method: "notifications/progress",
              params: { progressToken, progress: count, message: JSON.stringify(part) },
            });
    return callMeshTool(agent, tool, args as JsonObject, {
      timeoutMs,
      signal: extra.signal,
      progress,
    });
  });
  const stop = tools.onChange(() => {
    // Not connected yet, or already gone: there is nobody to tell.
    server.sendToolListChanged().catch(() => {});
  });
  const onclose = server.onclose;
  server.onclose = () => {
    stop();
    onclose?.();
  };
  return server;
}

/** An MCP server of `agent`'s mesh with its own tool catalog. */
export async function createMcpServer(
  agent: Agent,
  options: McpServerOptions = {},
): Promise<McpMeshServer> {
  const tools = new MeshTools(agent, options);
  const server = await createMcpServerOn(agent, tools, options).catch((error: unknown) => {
    tools.close();
    throw error;
  });
  return {
    server,
    tools,
    async close() {
      tools.close();
      await server.close();
    },
  };
}
