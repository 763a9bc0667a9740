/**
 * The mesh's tools over stdio, what desktop hosts spawn: MCP JSON-RPC on stdin/stdout. Nothing
 * else may reach stdout, so the caller must send its own output to stderr.
 */
import type { Agent } from "../agent/agent.js";
import { loadStdioServerTransport } from "./mcp-sdk.js";
import { createMcpServer, type McpServerOptions } from "./mcp-server.js";

/** A running stdio server. */
export interface McpStdioSession {
  /** Resolves when the host closes stdin (it is done) or the server is closed. */
  readonly ended: Promise<void>;
  close(): Promise<void>;
}

/** Serves `agent`'s mesh as MCP tools on this process's stdin and stdout. */
export async function serveMcpOverStdio(
  agent: Agent,
  options: McpServerOptions = {},
): Promise<McpStdioSession> {
  const StdioServerTransport = await loadStdioServerTransport();
  const mcp = await createMcpServer(agent, options);
  const transport = new StdioServerTransport();
  let end = (): void => {};
  const ended = new Promise<void>((resolve) => {
    end = resolve;
  });
  // The SDK's stdio transport does not watch for the end of stdin; a host that is done closes it.
  const onEnd = (): void => end();
  process.stdin.once("end", onEnd);
  process.stdin.once("close", onEnd);
  transport.onclose = onEnd;
  await mcp.server.connect(transport);
  return {
    ended,
    async close() {
      process.stdin.off("end", onEnd);
      process.stdin.off("close", onEnd);
      await mcp.close();
      end();
    },
  };
}
