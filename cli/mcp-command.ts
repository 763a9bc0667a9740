/**
 * `parley mcp`: the mesh's request types as MCP tools for LLM hosts. It joins the broker as an
 * agent (`parley-mcp-<hex>`) and serves MCP over stdio (what desktop hosts spawn) or, with
 * `--port`, over Streamable HTTP. In stdio mode stdout carries MCP JSON-RPC only: everything this
 * command says goes to stderr, and so does any stray console.log of a library.
 */
import type { Agent } from "../src/index.js";
import { loadMcpServerSdk } from "../src/mcp/mcp-sdk.js";
import { cliAgentId } from "./cli-agent.js";
import type { Command } from "./command-args.js";
import { parseCommandArgs, portOption, secondsOption } from "./command-args.js";
import { CONNECTION_OPTIONS, connectionUsage, readConnection } from "./connection-options.js";
import { loadCallContracts } from "./contract-for.js";
import { packageVersion } from "./package-version.js";
import { redactUrl, transportFromUrl } from "./transport-from-url.js";
import { catchStopSignals } from "./until-signal.js";

const USAGE = `usage: parley mcp --url URL [--ca FILE] [--cert FILE --key FILE] [--port PORT [--host HOST]]
                  [--agents LIST] [--types LIST] [--schemas DIR] [--timeout SECONDS]

Serves the request types of the agents on the mesh as MCP tools: one tool per request type, its
input and output schemas from the type's contract. Over stdio by default (for desktop hosts that
spawn it: stdout carries MCP only, messages go to stderr); over Streamable HTTP with --port.

options:
${connectionUsage(21)}
  --port PORT        serve Streamable HTTP at http://HOST:PORT/mcp instead of stdio (0: any port)
  --host HOST        the address to listen on with --port (default 127.0.0.1)
  --agents LIST      only these agents, comma-separated ids; * matches any characters
  --types LIST       only these request types, comma-separated; * matches any characters
  --schemas DIR      your contract files (the format "parley codegen" reads), for the schemas of
                     your types; the bundled seed contracts are always known
  --timeout SECONDS  how long a tool call waits for its response (default 30)
  -h, --help         show this help

See docs/mcp.md for a desktop host's configuration.`;

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  port: { type: "string" },
  host: { type: "string" },
  agents: { type: "string" },
  types: { type: "string" },
  schemas: { type: "string" },
  timeout: { type: "string" },
} as const;

/** A comma-separated option as a list, or undefined when not given. */
function listOption(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/** Sends console.log and friends to stderr: stdout belongs to the MCP protocol. */
function keepStdoutForMcp(): void {
  console.log = console.error;
  console.info = console.error;
  console.debug = console.error;
}

function log(line: string): void {
  console.error(`parley mcp: ${line}`);
}

export const mcpCommand: Command = {
  async run(argv) {
    const args = parseCommandArgs(argv, OPTIONS, USAGE);
    if (!args) return 0;
    const stdio = args.port === undefined;
    if (stdio) keepStdoutForMcp();
    const connection = await readConnection(args);
    const port = args.port === undefined ? undefined : portOption(args.port, "--port");
    const timeoutMs =
      args.timeout === undefined ? undefined : secondsOption(args.timeout, "--timeout", 0.001);
    const contracts = await loadCallContracts(args.schemas);
    // Before joining the mesh: a missing SDK is then the one line this command prints.
    await loadMcpServerSdk();
    const mcp = await import("../src/mcp/index.js");
    const { createAgent } = await import("../src/index.js");
    const transport = await transportFromUrl(connection.url, connection.tls);
    const agent: Agent = createAgent({
      id: cliAgentId("parley-mcp"),
      transport,
      contracts,
      card: { name: "parley mcp", description: "Serves the mesh's request types as MCP tools." },
    });
    const options = {
      contracts,
      agents: listOption(args.agents),
      types: listOption(args.types),
      timeoutMs,
      version: packageVersion(),
      log,
    };
    const signals = catchStopSignals();
    try {
      await agent.connect();
      log(`joined ${redactUrl(connection.url)} as ${agent.id}`);
      if (port === undefined) {
        const session = await mcp.serveMcpOverStdio(agent, options);
        log("serving MCP on stdio");
        await Promise.race([signals.received, session.ended]);
        await session.close();
      } else {
        const server = await mcp.serveMcpOverHttp(agent, { ...options, port, host: args.host });
        log(`serving MCP (Streamable HTTP) at ${server.url}`);
        await signals.received;
        await server.close();
      }
      return 0;
    } finally {
      signals.dispose();
      await agent.close();
    }
  },
};
