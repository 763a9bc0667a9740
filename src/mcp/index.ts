/**
 * `parley-a2a/mcp`: the mesh's request types as Model Context Protocol tools for LLM hosts (over
 * stdio, Streamable HTTP, or any SDK transport), and the reverse, an MCP server's tools as Parley
 * request types. Needs `@modelcontextprotocol/sdk` and `zod` (optional peer dependencies), loaded
 * when a server or bridge starts. See docs/mcp.md.
 * @module parley-a2a/mcp
 */

export type { McpHttpOptions, McpHttpServer } from "./http-server.js";
export { MCP_HTTP_PATH, serveMcpOverHttp } from "./http-server.js";
export { MCP_PACKAGES } from "./mcp-sdk.js";
export type { McpMeshServer, McpServerOptions } from "./mcp-server.js";
export { createMcpServer } from "./mcp-server.js";
export type {
  McpToolAgentOptions,
  McpToolClient,
  McpToolInfo,
  McpToolResult,
} from "./mcp-tool-agent.js";
export { createMcpToolAgent } from "./mcp-tool-agent.js";
export type { MeshTool, MeshToolsOptions } from "./mesh-tools.js";
export { DEFAULT_RECHECK_MS, MeshTools } from "./mesh-tools.js";
export type { McpStdioSession } from "./stdio-server.js";
export { serveMcpOverStdio } from "./stdio-server.js";
