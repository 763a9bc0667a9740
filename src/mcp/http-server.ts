/**
 * The mesh's tools over Streamable HTTP: one endpoint (`/mcp`), one SDK transport and `Server` per
 * session (the SDK's stateful pattern), all answering from one tool catalog. Bound to loopback by
 * default, with the SDK's DNS rebinding protection (Host must name this server) when it is.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { Agent } from "../agent/agent.js";
import { loadStreamableHttpServerTransport } from "./mcp-sdk.js";
import { createMcpServerOn, type McpServerOptions } from "./mcp-server.js";
import { MeshTools } from "./mesh-tools.js";

/** Where the HTTP server listens. */
export interface McpHttpOptions extends McpServerOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** @default "127.0.0.1" */
  readonly host?: string | undefined;
}

/** A running HTTP server. */
export interface McpHttpServer {
  /** The MCP endpoint: `http://127.0.0.1:PORT/mcp`. */
  readonly url: string;
  close(): Promise<void>;
}

/** The MCP endpoint's path. */
export const MCP_HTTP_PATH = "/mcp";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

/** A JSON-RPC error answered over plain HTTP (no session to carry it). */
function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }));
}

/** Serves `agent`'s mesh as MCP tools over Streamable HTTP. */
export async function serveMcpOverHttp(
  agent: Agent,
  options: McpHttpOptions,
): Promise<McpHttpServer> {
  const Transport = await loadStreamableHttpServerTransport();
  const host = options.host ?? "127.0.0.1";
  const tools = new MeshTools(agent, options);
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  let allowedHosts: string[] | undefined;

  async function newSession(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const transport: StreamableHTTPServerTransport = new Transport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (id) => {
        sessions.set(id, transport);
      },
      ...(allowedHosts ? { enableDnsRebindingProtection: true, allowedHosts } : {}),
    });
    transport.onclose = () => {
      if (transport.sessionId !== undefined) sessions.delete(transport.sessionId);
    };
    const server = await createMcpServerOn(agent, tools, options);
    await server.connect(transport);
    await transport.handleRequest(req, res);
    // Anything but an initialize request was refused by the transport: nothing to keep.
    if (transport.sessionId === undefined) await server.close();
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path !== MCP_HTTP_PATH)
      return refuse(res, 404, `Not found: the MCP endpoint is ${MCP_HTTP_PATH}`);
    const id = req.headers["mcp-session-id"];
    if (typeof id === "string") {
      const transport = sessions.get(id);
      if (!transport) return refuse(res, 404, "Session not found");
      return transport.handleRequest(req, res);
    }
    if (req.method !== "POST") return refuse(res, 400, "Bad Request: no Mcp-Session-Id header");
    return newSession(req, res);
  }

  const http = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      options.log?.(
        `MCP HTTP request failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (!res.headersSent) refuse(res, 500, "Internal error");
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port, host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  if (LOOPBACK.has(host))
    allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}${MCP_HTTP_PATH}`,
    async close() {
      tools.close();
      await Promise.all([...sessions.values()].map((t) => t.close().catch(() => {})));
      sessions.clear();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
