/**
 * The built-in `parley.contracts` request: an agent answers it with the contract files of what it
 * serves, the way gRPC server reflection lets a client be made from a running server. The name
 * cannot clash with a contract (contract names are snake_case, no dots) and the seed's agents do
 * not serve it (they answer with an error, as for any type they do not know).
 */
import type { ContractSet } from "./contracts.js";
import type { JsonObject } from "./envelope.js";

/** The request type an agent answers with its contract documents. */
export const CONTRACTS_REQUEST_TYPE = "parley.contracts";

/** Request types starting with this are Parley's own: no handler may be registered for them. */
export const RESERVED_REQUEST_TYPE_PREFIX = "parley.";

/** What one served contract is, in short. */
export interface ContractSummary {
  readonly version: string;
  readonly hash: string;
  /** Its file among `files`. */
  readonly file: string;
  readonly description?: string;
}

/** The answer to `parley.contracts`. */
export interface ContractDocuments {
  /** The request types served under a contract whose file the agent has. */
  readonly requests: Readonly<Record<string, ContractSummary>>;
  readonly broadcasts: Readonly<Record<string, ContractSummary>>;
  /** Request types served without a contract file (hand-written handlers, or contracts without documents). */
  readonly untyped: readonly string[];
  /** Contract files by path in the schema directory: the contracts above and the shared schemas they use. */
  readonly files: Readonly<Record<string, JsonObject>>;
}

/**
 * The documents of `contracts` for an agent serving `requestTypes`: each served request type's
 * contract file, every broadcast's, and the shared files (everything else in `documents`).
 */
export function contractDocumentsFor(
  contracts: ContractSet | undefined,
  requestTypes: readonly string[],
): ContractDocuments {
  const documents = contracts?.documents ?? {};
  const requests: Record<string, ContractSummary> = {};
  const broadcasts: Record<string, ContractSummary> = {};
  const untyped: string[] = [];
  const files: Record<string, JsonObject> = {};
  for (const [path, document] of Object.entries(documents)) {
    if (!path.startsWith("requests/") && !path.startsWith("broadcasts/")) files[path] = document;
  }
  for (const type of requestTypes) {
    const contract = contracts?.requests[type];
    const file = `requests/${type}.json`;
    const document = Object.hasOwn(documents, file) ? documents[file] : undefined;
    if (contract === undefined || document === undefined) {
      untyped.push(type);
      continue;
    }
    requests[type] = summary(contract, file);
    files[file] = document;
  }
  for (const contract of Object.values(contracts?.broadcasts ?? {})) {
    const file = `broadcasts/${contract.name}.json`;
    const document = Object.hasOwn(documents, file) ? documents[file] : undefined;
    if (document === undefined) continue;
    broadcasts[contract.name] = summary(contract, file);
    files[file] = document;
  }
  return { requests, broadcasts, untyped, files };
}

function summary(
  contract: { readonly version: string; readonly hash: string; readonly description?: string },
  file: string,
): ContractSummary {
  return {
    version: contract.version,
    hash: contract.hash,
    file,
    ...(contract.description === undefined ? {} : { description: contract.description }),
  };
}
