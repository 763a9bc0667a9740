/**
 * What `parley codegen --from` makes of an agent's answer to `parley.contracts`: the answer is
 * untrusted, so it is read with care (an object of contract files, each path relative, inside the
 * schema directory, ending in .json, at most {@link MAX_FILES} of them) before anything is written.
 */

import type { ContractDocuments, ContractSummary } from "../src/contracts.js";
import type { JsonObject } from "../src/index.js";

/** More files than any contract set has; an answer with more is refused. */
export const MAX_FILES = 2_000;

/** One contract file to write under the schema directory. */
export interface ContractFile {
  readonly path: string;
  readonly contents: string;
}

/** The answer, checked: the files to generate from, and what to tell the user about them. */
export interface AgentContracts {
  readonly files: readonly ContractFile[];
  readonly requests: readonly (readonly [string, string])[];
  readonly untyped: readonly string[];
}

/** Reads an answer to `parley.contracts`; throws an Error saying what is wrong with it. */
export function readAgentContracts(agentId: string, answer: unknown): AgentContracts {
  const bad = (why: string) =>
    new Error(`agent "${agentId}" answered parley.contracts with something else: ${why}`);
  if (!isObject(answer) || !isObject(answer.files)) throw bad("no object of files");
  const documents = answer as Partial<ContractDocuments> & { files: JsonObject };
  const entries = Object.entries(documents.files);
  if (entries.length > MAX_FILES) throw bad(`${entries.length} files, more than ${MAX_FILES}`);
  const files = entries.map(([path, json]): ContractFile => {
    if (!isSafePath(path)) throw bad(`the file path ${JSON.stringify(path).slice(0, 200)}`);
    if (!isObject(json)) throw bad(`${path} is not a JSON object`);
    return { path, contents: `${JSON.stringify(json, null, 2)}\n` };
  });
  const requests = Object.entries(isObject(documents.requests) ? documents.requests : {}).map(
    ([name, summary]) =>
      [name, String((summary as Partial<ContractSummary> | undefined)?.version ?? "?")] as const,
  );
  const untyped = Array.isArray(documents.untyped)
    ? documents.untyped.filter((t): t is string => typeof t === "string")
    : [];
  return { files, requests, untyped };
}

/** Relative, `/`-separated, no `.` or `..` segment, ending in `.json`: it stays inside its directory. */
function isSafePath(path: string): boolean {
  return (
    path.length <= 512 &&
    /^(?:[A-Za-z0-9_.-]+\/)*[A-Za-z0-9_.-]+\.json$/.test(path) &&
    !path.split("/").some((segment) => segment === "." || segment === "..")
  );
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
