/**
 * A request type's MCP tool schemas, from its contract: `inputSchema` is the contract's request
 * schema and `outputSchema` its response schema, as the contract carries them (standalone, no
 * `$schema`). MCP wants both to be object schemas, and Parley payloads are JSON objects, so a
 * schema without a `type` (a bare `$ref`) gets `type: "object"`. A type without a contract, or with
 * a hand-written one that carries no schemas, gets a permissive input schema and no output schema.
 */
import type { JsonSchema, RequestContract } from "../wire/contracts.js";

/** The schemas of one tool, and whether they came from a contract. */
export interface ToolSchemas {
  readonly inputSchema: { readonly type: "object"; readonly [key: string]: unknown };
  readonly outputSchema?: { readonly type: "object"; readonly [key: string]: unknown };
  /** The input schema is the contract's: validated before sending. */
  readonly described: boolean;
}

/** Any JSON object: what a request type without a contract accepts. */
export const PERMISSIVE_INPUT_SCHEMA = { type: "object", additionalProperties: true } as const;

function objectSchema(schema: JsonSchema): ToolSchemas["inputSchema"] {
  return { ...schema, type: "object" } as ToolSchemas["inputSchema"];
}

function isObjectSchema(schema: JsonSchema | undefined): schema is JsonSchema {
  return schema !== undefined && (schema.type === undefined || schema.type === "object");
}

/** The tool schemas of a request type whose contract (if any) is `contract`. */
export function toolSchemas(contract: RequestContract | undefined): ToolSchemas {
  const request = contract?.requestSchema;
  const response = contract?.responseSchema;
  if (!isObjectSchema(request)) return { inputSchema: PERMISSIVE_INPUT_SCHEMA, described: false };
  return isObjectSchema(response)
    ? { inputSchema: objectSchema(request), outputSchema: objectSchema(response), described: true }
    : { inputSchema: objectSchema(request), described: true };
}

/** The part of a tool's description that says where its schemas came from. */
export function schemaNote(requestType: string, contract: RequestContract | undefined): string {
  if (contract === undefined)
    return `No contract is known for "${requestType}": any JSON object is accepted and sent as given, and the response is returned as is.`;
  if (contract.requestSchema === undefined)
    return `The contract of "${requestType}" (version ${contract.version}) carries no JSON Schemas: any JSON object is accepted here and checked by the contract's validator.`;
  return `Contract "${requestType}" version ${contract.version}.`;
}
