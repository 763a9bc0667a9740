/** `parley call`: one request from a short-lived agent; prints the response (or the stream). */

import type { RequestContract } from "../src/contracts.js";
import { DEFAULT_TIMEOUT_MS } from "../src/defaults.js";
import type { JsonObject } from "../src/index.js";
import { withCliAgent } from "./cli-agent.js";
import type { Command } from "./command-args.js";
import { parseCommandArgs, required, secondsOption, UsageError } from "./command-args.js";
import { CONNECTION_OPTIONS, connectionUsage, readConnection } from "./connection-options.js";
import { contractFor, loadCallContracts } from "./contract-for.js";

const USAGE = `usage: parley call --url URL [--ca FILE] [--cert FILE --key FILE] --to AGENT --type TYPE
                   [--data JSON] [--timeout SECONDS] [--schemas DIR] [--stream] [--json]

Sends one request and prints the response as JSON. A request whose type has a contract is
checked against it first, and refused (exit 1) when invalid; other types are sent as given.

options:
${connectionUsage(21)}
  --to AGENT         the agent (or worker pool) to ask
  --type TYPE        the request type
  --data JSON        the request payload, a JSON object (default {}); - reads it from stdin
  --timeout SECONDS  how long to wait for the response (default ${DEFAULT_TIMEOUT_MS / 1000})
  --schemas DIR      also check against your own contract files (the format "parley codegen"
                     reads); without it only the bundled seed contracts are known
  --stream           print each streamed part on its own line as it arrives, then the response
  --json             compact output, one JSON value per line (with --stream: {"kind":...} events)
  -h, --help         show this help

exit status: 0 the response arrived; 1 the request failed (prints "parley call: CODE: message");
2 the command line was wrong.`;

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  to: { type: "string" },
  type: { type: "string" },
  data: { type: "string" },
  timeout: { type: "string" },
  schemas: { type: "string" },
  stream: { type: "boolean" },
  json: { type: "boolean" },
} as const;

/** What the payload's text is called in errors: the option, or stdin for `--data -`. */
type DataSource = "--data" | "--data - (stdin)";

/** `--data` as a JSON object, or a usage error saying what is wrong with it. */
export function parseRequestData(text: string, source: DataSource = "--data"): JsonObject {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `${source} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new UsageError(`${source} must be a JSON object, got ${excerpt(text)}`);
  }
  return data as JsonObject;
}

/** The start of a long text (stdin may hold a whole file), for an error line. */
function excerpt(text: string): string {
  const trimmed = text.trim();
  return trimmed.length <= 80 ? trimmed : `${trimmed.slice(0, 80)}...`;
}

/** All of stdin as text, without a leading byte order mark (JSON.parse refuses one). */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/^\uFEFF/, "");
}

/** The request payload: `--data`, stdin for `--data -`, or `{}`. */
async function requestData(option: string | undefined): Promise<JsonObject> {
  if (option !== "-") return parseRequestData(option ?? "{}");
  const text = await readStdin();
  if (text.trim() === "") throw new UsageError("--data - (stdin): stdin is empty");
  return parseRequestData(text, "--data - (stdin)");
}

/** The contract set the agent validates with: just this request type's. */
function contractsFor(type: string, contract: RequestContract | undefined) {
  return contract ? { requests: { [type]: contract }, broadcasts: {} } : undefined;
}

export const callCommand: Command = {
  async run(argv) {
    const args = parseCommandArgs(argv, OPTIONS, USAGE);
    if (!args) return 0;
    const connection = await readConnection(args);
    const to = required(args.to, "--to AGENT");
    const type = required(args.type, "--type TYPE");
    const data = await requestData(args.data);
    const timeoutMs = secondsOption(
      args.timeout ?? String(DEFAULT_TIMEOUT_MS / 1000),
      "--timeout",
      0.001,
    );
    const contract = contractFor(await loadCallContracts(args.schemas), type);
    const contracts = contractsFor(type, contract);
    const show = (value: unknown) =>
      console.log(args.json ? JSON.stringify(value) : JSON.stringify(value, null, 2));
    await withCliAgent(
      connection,
      { discoverOnConnect: false, ...(contracts ? { contracts } : {}) },
      async (agent) => {
        if (!contract) console.error(`note: no contract for ${type}: sent as given`);
        // It sends at once, before the agent's card may have arrived: a version check would
        // depend on that race, so it is left to the agent's own validation.
        const options = { timeout: timeoutMs, ignoreContractVersion: true };
        if (!args.stream) {
          show(await agent.request(to, type, data, options));
          return;
        }
        for await (const event of agent.stream(to, type, data, options)) {
          if (args.json) console.log(JSON.stringify(event));
          else if (event.kind === "part") console.log(JSON.stringify(event.data));
          else show(event.data);
        }
      },
    );
    return 0;
  },
};
