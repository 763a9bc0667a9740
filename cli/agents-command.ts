/** `parley agents`: who is online, as a short-lived observer agent sees it. */
import type { AgentInfo } from "../src/index.js";
import { formatAgentJson, formatAgentTable } from "./agent-table.js";
import { withCliAgent } from "./cli-agent.js";
import type { Command } from "./command-args.js";
import { parseCommandArgs, secondsOption } from "./command-args.js";
import { CONNECTION_OPTIONS, connectionUsage, readConnection } from "./connection-options.js";

/** How long `parley agents` listens by default, in seconds. */
export const DEFAULT_AGENTS_WAIT_SECONDS = 2;

const USAGE = `usage: parley agents --url URL [--ca FILE] [--cert FILE --key FILE] [--wait SECONDS]
                     [--json]

Connects a short-lived observer agent, listens for --wait seconds while the agents online answer
its discovery broadcast (and, on MQTT, their retained presence cards arrive), then prints the
directory and exits.

options:
${connectionUsage(19)}
  --wait SECONDS   how long to listen (default ${DEFAULT_AGENTS_WAIT_SECONDS})
  --json           print a JSON array of agents instead of a table
  -h, --help       show this help`;

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  wait: { type: "string" },
  json: { type: "boolean" },
} as const;

export const agentsCommand: Command = {
  async run(argv) {
    const args = parseCommandArgs(argv, OPTIONS, USAGE);
    if (!args) return 0;
    const connection = await readConnection(args);
    const waitMs = secondsOption(args.wait ?? String(DEFAULT_AGENTS_WAIT_SECONDS), "--wait");
    const agents = await withCliAgent(connection, { discoverOnConnect: true }, async (agent) => {
      await new Promise((resolve) => setTimeout(resolve, waitMs));
      return agent.directory.list().filter((info: AgentInfo) => info.id !== agent.id);
    });
    console.log(args.json ? formatAgentJson(agents) : formatAgentTable(agents, Date.now()));
    return 0;
  },
};
