/**
 * `skillSchemas`: each request contract's request and response JSON Schemas, self-contained (every
 * `$ref` points into the schema's own `$defs`), for tools that show contracts to others: the A2A
 * gateway puts them on Agent Cards. Same loader and bundle as `generate`, so a `$ref` between
 * files resolves exactly as it does for the generated code.
 */
import { requestTypeNames } from "./bundle.js";
import { loadBundle } from "./compile-contracts.js";
import type { SchemaInput } from "./load-contracts.js";
import type { GenerateOptions } from "./options.js";
import { isObject, type SchemaObject } from "./schema-walk.js";

/** One request type's description and JSON Schemas. */
export interface SkillSchema {
  readonly description?: string;
  readonly request: SchemaObject;
  readonly response: SchemaObject;
}

const DEF_REF = /^#\/\$defs\/([^/]+)/;

/**
 * The JSON Schemas of every request contract in `inputs`, by request type.
 * @throws CodegenError naming each bad file and JSON pointer.
 */
export function skillSchemas(
  inputs: readonly SchemaInput[],
  options?: GenerateOptions,
): Record<string, SkillSchema> {
  const { model, bundle } = loadBundle(inputs, options);
  const defs = (bundle.schema.$defs ?? {}) as Record<string, SchemaObject>;
  const result: Record<string, SkillSchema> = {};
  for (const contract of model.requests) {
    const names = requestTypeNames(contract.name);
    result[contract.name] = {
      ...(contract.description === undefined ? {} : { description: contract.description }),
      request: selfContained(defs, names.request),
      response: selfContained(defs, names.response),
    };
  }
  return result;
}

/** The bundled schema `name`, with the definitions it reaches as its own `$defs`. */
function selfContained(defs: Record<string, SchemaObject>, name: string): SchemaObject {
  const reached = new Set<string>();
  const pending = [...refsIn(defs[name])];
  while (pending.length > 0) {
    const next = pending.pop() as string;
    if (reached.has(next) || defs[next] === undefined) continue;
    reached.add(next);
    pending.push(...refsIn(defs[next]));
  }
  const own: SchemaObject = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    ...structuredClone(defs[name] ?? {}),
  };
  if (reached.size > 0)
    own.$defs = Object.fromEntries([...reached].sort().map((n) => [n, structuredClone(defs[n])]));
  return own;
}

/** The `$defs` names a schema's `$ref`s point to. */
function refsIn(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) refsIn(item, found);
  else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") {
        const name = DEF_REF.exec(value)?.[1];
        if (name !== undefined) found.push(name);
      } else refsIn(value, found);
    }
  }
  return found;
}
