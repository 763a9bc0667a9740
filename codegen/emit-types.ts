/**
 * `types.ts`: every bundled schema as a TypeScript type (json-schema-to-typescript), plus the
 * unions of request and broadcast names and each request's application error codes.
 */
import { compile } from "json-schema-to-typescript";
import { type Bundle, broadcastTypeName, requestTypeNames } from "./bundle.js";
import type { ContractModel } from "./load-contracts.js";
import { pascalCase } from "./names.js";
import { isObject, type SchemaObject, walkSchema } from "./schema-walk.js";
import { buildFile, docs, GENERATED_HEADER, type GeneratedFile } from "./source-file.js";

const ROOT = "ParleyContractsRoot";

/** Name of a request contract's error-code union (only when it declares errors). */
export function errorCodeTypeName(name: string): string {
  return `${pascalCase(name)}ErrorCode`;
}

/** Generates `types.ts`. */
export async function emitTypes(model: ContractModel, bundle: Bundle): Promise<GeneratedFile> {
  const root = {
    $defs: forTypes(bundle),
    title: ROOT,
    type: "object" as const,
    additionalProperties: false,
  };
  const compiled = await compile(root, ROOT, {
    bannerComment: "",
    additionalProperties: false,
    unreachableDefinitions: true,
    strictIndexSignatures: true,
    unknownAny: true,
    format: true,
    style: { printWidth: 100, trailingComma: "all", singleQuote: false },
    $refOptions: { resolve: { file: false, http: false } },
  });
  const schemaTypes = tidy(compiled);
  const extra = buildFile("types-extra.ts", [], (file) => {
    file.addTypeAlias({
      name: "RequestTypeName",
      isExported: true,
      docs: docs("Every request type in this contract set, as sent in `payload.request_type`."),
      type: union(model.requests.map((r) => r.name)),
    });
    file.addTypeAlias({
      name: "BroadcastTypeName",
      isExported: true,
      docs: docs("Every broadcast type in this contract set, as sent in `payload.broadcast_type`."),
      type: union(model.broadcasts.map((b) => b.name)),
    });
    file.addInterface({
      name: "RequestTypes",
      isExported: true,
      docs: docs("Request type name -> its request and response types."),
      properties: model.requests.map((r) => {
        const names = requestTypeNames(r.name);
        return {
          name: JSON.stringify(r.name),
          type: `{ request: ${names.request}; response: ${names.response} }`,
        };
      }),
    });
    file.addInterface({
      name: "BroadcastTypes",
      isExported: true,
      docs: docs("Broadcast type name -> its payload type."),
      properties: model.broadcasts.map((b) => ({
        name: JSON.stringify(b.name),
        type: broadcastTypeName(b.name),
      })),
    });
    for (const r of model.requests) {
      if (r.errors.length === 0) continue;
      file.addTypeAlias({
        name: errorCodeTypeName(r.name),
        isExported: true,
        docs: docs(
          `Application error codes \`${r.name}\` may return:`,
          r.errors.map((e) => `- \`${e.code}\`: ${e.description}`).join("\n"),
        ),
        type: union(r.errors.map((e) => e.code)),
      });
    }
  });
  const extraBody = extra.contents.slice(GENERATED_HEADER.length + 1).trim();
  return {
    path: "types.ts",
    contents: `${GENERATED_HEADER}\n/** Payload types of every contract, from the JSON Schemas. */\n\n${schemaTypes}\n\n${extraBody}\n`,
  };
}

function union(values: readonly string[]): string {
  return values.length === 0 ? "never" : values.map((v) => JSON.stringify(v)).join(" | ");
}

/** Drops the synthetic root type and json-schema-to-typescript's "referenced by" notes. */
function tidy(source: string): string {
  return source
    .replace(new RegExp(`export interface ${ROOT} \\{\\}\\n`), "")
    .replace(
      new RegExp(
        `\\n \\*\\n \\* This \\w+ was referenced by \`${ROOT}\`'s JSON-Schema\\n \\* via the \`definition\` "[^"]*"\\.`,
        "g",
      ),
      "",
    )
    .replace(
      new RegExp(
        `/\\*\\*\\n \\* This \\w+ was referenced by \`${ROOT}\`'s JSON-Schema\\n \\* via the \`definition\` "[^"]*"\\.\\n \\*/\\n`,
        "g",
      ),
      "",
    )
    .trim();
}

/** Keywords that tell json-schema-to-typescript what type a schema has. */
const TYPED_BY = [
  "type",
  "$ref",
  "enum",
  "const",
  "properties",
  "additionalProperties",
  "patternProperties",
  "items",
  "prefixItems",
  "allOf",
  "anyOf",
  "oneOf",
  "tsType",
  "required",
];
const ANNOTATIONS = new Set(["$ref", "title", "description", "$comment", "deprecated", "examples"]);

/**
 * The bundle's defs as json-schema-to-typescript should see them: a root that only `$ref`s
 * another type becomes an alias of it (`type DelegateTaskResponse = TaskResult`) instead of a
 * copy, and a schema that says nothing about its type is `unknown` (the tool would make it an
 * object).
 */
function forTypes(bundle: Bundle): SchemaObject {
  const defs = structuredClone(bundle.schema.$defs) as SchemaObject;
  for (const name of Object.keys(defs)) {
    const def = defs[name];
    if (!isObject(def)) continue;
    const target = typeof def.$ref === "string" ? /^#\/\$defs\/([^/]+)$/.exec(def.$ref) : null;
    if (target !== null && Object.keys(def).every((k) => ANNOTATIONS.has(k))) {
      delete def.$ref;
      def.tsType = target[1];
      continue;
    }
    walkSchema(def, "", (node) => {
      if (isObject(node) && !TYPED_BY.some((k) => k in node)) node.tsType = "unknown";
    });
  }
  return defs;
}
