/**
 * Contracts at run time: what `parley codegen` generates for each request and broadcast type
 * (compiled validators, version, content hash) and the agent consults on the send and receive
 * paths. Hand-written contracts work too; anything with this shape will do.
 */
import type { JsonObject } from "./envelope.js";

/** One validation problem, in ajv's terms. */
export interface ValidationIssue {
  /** JSON pointer into the validated value. */
  readonly instancePath: string;
  readonly message: string;
  readonly keyword?: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

/** Checks a value; returns the problems (empty when valid). */
export type Validator = (value: unknown) => readonly ValidationIssue[];

/** The run-time view of one request type's contract. */
export interface RequestContract {
  /** The request type, `payload.request_type` on the wire (`knowledge_search`). */
  readonly name: string;
  readonly version: string;
  /** Content hash of the contract file (sha256 hex); agent cards advertise it. */
  readonly hash: string;
  readonly description?: string;
  /** Capability an agent needs to serve it; delegation picks agents by it. */
  readonly capability?: string;
  /** Safe to retry on another agent after a timeout (delegation fails over only then). */
  readonly idempotent?: boolean;
  /** Application error codes its handler may return. */
  readonly errors?: readonly string[];
  readonly validateRequest: Validator;
  readonly validateResponse: Validator;
  /**
   * The request payload's JSON Schema, standing alone (the definitions it refers to in its
   * `$defs`, no `$schema`), for tools that pass schemas on: the MCP server's tool list.
   */
  readonly requestSchema?: JsonSchema;
  /** The response payload's JSON Schema, standing alone like {@link requestSchema}. */
  readonly responseSchema?: JsonSchema;
}

/** A JSON Schema object, as contracts carry it (draft 2020-12). */
export type JsonSchema = { readonly [key: string]: unknown };

/** The run-time view of one broadcast type's contract. */
export interface BroadcastContract {
  readonly name: string;
  readonly version: string;
  readonly hash: string;
  readonly description?: string;
  readonly validatePayload: Validator;
}

/** A set of contracts, as generated (`src/generated/contracts.ts`) or written by hand. */
export interface ContractSet {
  readonly requests: Readonly<Record<string, RequestContract>>;
  readonly broadcasts: Readonly<Record<string, BroadcastContract>>;
  /**
   * The contract files the set was made from, by path in the schema directory
   * (`requests/translate.json`, `common/money.json`): the contracts and the shared schemas they
   * reach. An agent serves them to `parley codegen --from` (see `serveContracts`); a set without
   * them serves none.
   */
  readonly documents?: Readonly<Record<string, JsonObject>>;
}

/** The contract a request type is checked against: none when validation is off or it has none. */
export function requestContractFor(
  options: { readonly validate: boolean; readonly contracts: ContractSet | undefined },
  requestType: string,
): RequestContract | undefined {
  return options.validate ? options.contracts?.requests[requestType] : undefined;
}
