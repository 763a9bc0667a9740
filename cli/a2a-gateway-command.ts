/**
 * `parley a2a-gateway`: serves the mesh's agents to Google A2A v1.0 clients over HTTP, and with
 * `--remote` puts HTTP A2A agents on the mesh. Needs the optional packages @a2a-js/sdk and express.
 */

import { GATEWAY_USER } from "../src/a2a/gateway.js";
import type { RemoteA2AAgent } from "../src/a2a/index.js";
import { loadA2aServer } from "../src/a2a/sdk-modules.js";
import { loadA2aSkillSchemas } from "./a2a-skill-schemas.js";
import type { Command } from "./command-args.js";
import { parseCommandArgs, portOption, secondsOption } from "./command-args.js";
import { CONNECTION_OPTIONS, connectionUsage, readConnection } from "./connection-options.js";
import { loadCallContracts } from "./contract-for.js";
import { redactUrl, transportFactoryFromUrl } from "./transport-from-url.js";
import { catchStopSignals } from "./until-signal.js";

/** The gateway's default port on the command line. */
export const DEFAULT_A2A_GATEWAY_CLI_PORT = 41241;

const USAGE = `usage: parley a2a-gateway --url URL [--ca FILE] [--cert FILE --key FILE] [--port N]
                           [--host H] [--public-url URL] [--id ID] [--schemas DIR]
                           [--timeout SECONDS] [--remote CARD_URL ...]

Serves every agent online on the broker to Google A2A v1.0 clients (JSON-RPC over HTTP, SSE
streaming), until Ctrl-C or SIGTERM: the gateway card is at /.well-known/agent-card.json, each
agent's at /agents/ID/.well-known/agent-card.json. With --remote, an HTTP A2A agent joins the
mesh too, as a Parley agent (one request type per skill). Needs @a2a-js/sdk and express.

options:
${connectionUsage(21)}
  --port N           HTTP port; 0 picks a free one (default ${DEFAULT_A2A_GATEWAY_CLI_PORT})
  --host H           interface to listen on (default 127.0.0.1, this machine only)
  --public-url URL   the base URL written into Agent Cards (behind a proxy: the proxy's)
  --id ID            the gateway's agent id on the mesh (default a2a-gateway)
  --schemas DIR      your contract files: requests checked and JSON Schemas shown on the cards
                     (besides the bundled seed contracts)
  --timeout SECONDS  how long a request may take before its task fails (default 30)
  --remote CARD_URL  put this A2A agent on the mesh (repeatable; its card URL or base URL)
  -h, --help         show this help`;

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  port: { type: "string" },
  host: { type: "string" },
  "public-url": { type: "string" },
  id: { type: "string" },
  schemas: { type: "string" },
  timeout: { type: "string" },
  remote: { type: "string", multiple: true },
} as const;

export const a2aGatewayCommand: Command = {
  async run(argv) {
    const args = parseCommandArgs(argv, OPTIONS, USAGE);
    if (!args) return 0;
    const connection = await readConnection(args);
    const port =
      args.port === undefined ? DEFAULT_A2A_GATEWAY_CLI_PORT : portOption(args.port, "--port");
    const timeoutMs =
      args.timeout === undefined ? undefined : secondsOption(args.timeout, "--timeout", 0.001);
    const transport = await transportFactoryFromUrl(connection.url, connection.tls);
    // The SDK first: without it nothing else is worth loading, and its error is the one line.
    await loadA2aServer(GATEWAY_USER);
    const contracts = await loadCallContracts(args.schemas);
    const schemas = await loadA2aSkillSchemas(args.schemas, (line) => console.error(line));
    const { startA2AGateway, startRemoteA2AAgent } = await import("../src/a2a/index.js");
    const signals = catchStopSignals();
    const remotes: RemoteA2AAgent[] = [];
    try {
      const gateway = await startA2AGateway({
        transport: transport(),
        port,
        host: args.host ?? "127.0.0.1",
        contracts,
        schemas,
        ...(args["public-url"] === undefined ? {} : { publicUrl: args["public-url"] }),
        ...(args.id === undefined ? {} : { id: args.id }),
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
      });
      try {
        for (const cardUrl of args.remote ?? []) {
          const remote = await startRemoteA2AAgent({ cardUrl, transport });
          remotes.push(remote);
          console.log(`remote A2A agent "${remote.id}" on the mesh, standing for ${cardUrl}`);
        }
        console.log(
          `parley a2a-gateway listening on ${gateway.url} for the agents on ${redactUrl(connection.url)}`,
        );
        await signals.received;
      } finally {
        for (const remote of remotes) await remote.close();
        await gateway.close();
      }
      return 0;
    } finally {
      signals.dispose();
    }
  },
};
