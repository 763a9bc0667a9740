/**
 * The contract file format, as JSON Schemas that check each file under `schemas/requests/` and
 * `schemas/broadcasts/` before anything is generated from it. codegen/README.md documents it.
 */

const DRAFT = "https://json-schema.org/draft/2020-12/schema";

const common = {
  $schema: { const: DRAFT },
  $id: { type: "string" },
  $comment: { type: "string" },
  name: {
    type: "string",
    pattern: "^[a-z][a-z0-9_]*$",
    maxLength: 64,
    description: "Wire name, snake_case; equals the file name without .json.",
  },
  description: { type: "string" },
  version: {
    type: "string",
    pattern: "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?$",
    description: "Semantic version of the contract.",
  },
  $defs: { type: "object", additionalProperties: { type: ["object", "boolean"] } },
} as const;

/** A request contract: `schemas/requests/<name>.json`. */
export const REQUEST_CONTRACT_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["name", "version", "request", "response"],
  properties: {
    ...common,
    capability: { type: "string", minLength: 1 },
    idempotent: { type: "boolean" },
    request: { type: "object" },
    response: { type: "object" },
    errors: {
      type: "object",
      propertyNames: { pattern: "^[a-z][a-z0-9_]*$", maxLength: 64 },
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        required: ["description"],
        properties: { description: { type: "string" } },
      },
    },
  },
} as const;

/** A broadcast contract: `schemas/broadcasts/<name>.json`. */
export const BROADCAST_CONTRACT_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["name", "version", "payload"],
  properties: { ...common, payload: { type: "object" } },
} as const;

/** Where a file sits decides what it is. */
export type SchemaFileKind = "request" | "broadcast" | "shared";

/** `requests/x.json` -> request, `broadcasts/x.json` -> broadcast, anything else -> shared. */
export function kindOfPath(path: string): SchemaFileKind {
  if (path.startsWith("requests/")) return "request";
  if (path.startsWith("broadcasts/")) return "broadcast";
  return "shared";
}

/** The schemas inside a contract file that become named types, by JSON pointer. */
export const CONTRACT_ROOTS: Readonly<
  Record<Exclude<SchemaFileKind, "shared">, readonly string[]>
> = {
  request: ["request", "response"],
  broadcast: ["payload"],
};
