/**
 * The MCP SDK (`@modelcontextprotocol/sdk`, with its peer `zod`) is an optional peer dependency:
 * only `parley-a2a/mcp` and `parley mcp` load it, when they start, so the runtime keeps no
 * dependencies and a missing SDK is a one-line error naming what to install.
 */
import { importOptional } from "../util/optional-package.js";

/** What `parley-a2a/mcp` needs installed. */
export const MCP_PACKAGES = ["@modelcontextprotocol/sdk", "zod"] as const;

const USER = "parley-a2a/mcp";

/** The server side of the SDK: the low-level `Server` and the request schemas it dispatches on. */
export async function loadMcpServerSdk() {
  const [server, types] = await importOptional(MCP_PACKAGES, USER, () =>
    Promise.all([
      import("@modelcontextprotocol/sdk/server/index.js"),
      import("@modelcontextprotocol/sdk/types.js"),
    ]),
  );
  return {
    Server: server.Server,
    ListToolsRequestSchema: types.ListToolsRequestSchema,
    CallToolRequestSchema: types.CallToolRequestSchema,
    McpError: types.McpError,
    McpErrorCode: types.ErrorCode,
  };
}

/** The SDK's stdio server transport. */
export async function loadStdioServerTransport() {
  const stdio = await importOptional(
    MCP_PACKAGES,
    USER,
    () => import("@modelcontextprotocol/sdk/server/stdio.js"),
  );
  return stdio.StdioServerTransport;
}

/** The SDK's Streamable HTTP server transport (Node `http` requests). */
export async function loadStreamableHttpServerTransport() {
  const http = await importOptional(
    MCP_PACKAGES,
    USER,
    () => import("@modelcontextprotocol/sdk/server/streamableHttp.js"),
  );
  return http.StreamableHTTPServerTransport;
}
