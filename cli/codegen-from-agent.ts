/**
 * `parley codegen --from URL --agent ID`: asks a running agent for its contract files (the
 * built-in `parley.contracts` request, answered by Parley agents unless `serveContracts: false`),
 * writes them to a temporary schema directory and runs the generator on it with the other
 * arguments (`--out`, `--check`, `--runtime-import`, `--asyncapi`), the way gRPC reflection
 * lets a client be made from a running server.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { CONTRACTS_REQUEST_TYPE } from "../src/contracts.js";
import { ErrorCode, isParleyError } from "../src/index.js";
import { readAgentContracts } from "./agent-contract-files.js";
import { withCliAgent } from "./cli-agent.js";
import type { CodegenPackage } from "./codegen-package.js";
import { secondsOption, UsageError } from "./command-args.js";
import { readConnection } from "./connection-options.js";

/** How long to wait for the agent's answer unless `--timeout` says otherwise. */
export const DEFAULT_CONTRACTS_TIMEOUT_MS = 10_000;

/** The options this module takes; everything else goes to the generator. */
const OWN_OPTIONS = ["from", "agent", "ca", "cert", "key", "timeout"] as const;
type OwnOption = (typeof OWN_OPTIONS)[number];

/** True when the arguments ask for code from a live agent. */
export function wantsLiveAgent(argv: readonly string[]): boolean {
  return argv.some((arg) => arg === "--from" || arg.startsWith("--from="));
}

/** Runs `parley codegen --from ...`; resolves with the exit code, throws one clear Error. */
export async function codegenFromAgent(
  argv: readonly string[],
  codegen: CodegenPackage,
): Promise<number> {
  const { own, rest } = splitArguments(argv);
  if (own.agent === undefined) throw new UsageError("--from needs --agent ID");
  if (rest.some((arg) => arg === "--schemas" || arg.startsWith("--schemas=")))
    throw new UsageError("--from and --schemas do not go together");
  const connection = await readConnection({ ...own, url: own.from });
  const timeout = secondsOption(
    own.timeout ?? String(DEFAULT_CONTRACTS_TIMEOUT_MS / 1000),
    "--timeout",
    0.001,
  );
  const agentId = own.agent;
  const answer = await withCliAgent(connection, {}, (agent) =>
    agent.request(agentId, CONTRACTS_REQUEST_TYPE, {}, { timeout }),
  ).catch((error: unknown) => {
    throw new Error(whyNoContracts(agentId, connection.url, timeout, error), { cause: error });
  });
  const contracts = readAgentContracts(agentId, answer);
  const served = contracts.requests.map(([name, version]) => `${name} ${version}`).join(", ");
  console.log(
    `agent "${agentId}" serves ${served === "" ? "no request type under a contract" : served}`,
  );
  if (contracts.untyped.length > 0)
    console.log(`left out (served without a contract): ${contracts.untyped.join(", ")}`);
  const dir = await mkdtemp(join(tmpdir(), "parley-contracts-"));
  try {
    for (const file of contracts.files) {
      const target = join(dir, file.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.contents);
    }
    return await codegen.runCodegenCli(["--schemas", dir, ...rest]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** This module's options (`--x V` or `--x=V`) apart from the generator's. */
function splitArguments(argv: readonly string[]): {
  own: Partial<Record<OwnOption, string>>;
  rest: string[];
} {
  const own: Partial<Record<OwnOption, string>> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.startsWith("--") ? splitOnce(arg.slice(2)) : [undefined, undefined];
    const name = OWN_OPTIONS.find((option) => option === flag);
    if (name === undefined) {
      rest.push(arg);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith("--")))
      throw new UsageError(`--${name} needs a value`);
    if (own[name] !== undefined) throw new UsageError(`--${name} was given twice`);
    own[name] = value;
  }
  return { own, rest };
}

function splitOnce(text: string): [string, string | undefined] {
  const at = text.indexOf("=");
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** One line saying why the agent gave no contracts, and what to do about it. */
function whyNoContracts(agentId: string, url: string, timeoutMs: number, error: unknown): string {
  const asked = `agent "${agentId}" did not give its contracts`;
  if (!isParleyError(error))
    return `${asked}: ${error instanceof Error ? error.message : String(error)}`;
  switch (error.code) {
    case ErrorCode.timeout:
      return `${asked}: no answer to ${CONTRACTS_REQUEST_TYPE} within ${timeoutMs / 1000} s. Is it online on ${url} (see "parley agents")? A seed (Python) agent does not answer request types it does not serve.`;
    case ErrorCode.unknown_request_type:
      return `${asked}: it does not serve ${CONTRACTS_REQUEST_TYPE} (unknown_request_type). It runs with serveContracts: false, or it is not a Parley agent.`;
    case ErrorCode.remote_error:
      return `${asked}: it answered ${CONTRACTS_REQUEST_TYPE} with an error ("${error.message}"), so it is not a Parley agent that serves its contracts.`;
    default:
      return `${asked}: ${error.code}: ${error.message}`;
  }
}
