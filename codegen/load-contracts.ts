/**
 * First pass: parse every schema file, sort out what each is (request contract, broadcast
 * contract, shared schema), and check the contract format and keywords, reporting each problem
 * with its file and JSON pointer.
 */
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import { isErrorCode } from "../src/errors/parley-error.js";
import { contentHash } from "./canonical-json.js";
import { type ProblemList, pointerSegment } from "./codegen-error.js";
import {
  BROADCAST_CONTRACT_SCHEMA,
  CONTRACT_ROOTS,
  kindOfPath,
  REQUEST_CONTRACT_SCHEMA,
  type SchemaFileKind,
} from "./contract-format.js";
import { pascalCase } from "./names.js";
import { lintPayloadRoot, lintSchema } from "./schema-lint.js";
import { isObject, type SchemaObject } from "./schema-walk.js";

/** One schema file given to the generator. */
export interface SchemaInput {
  /** Path relative to the schemas directory, `/`-separated (`requests/knowledge_search.json`). */
  readonly path: string;
  readonly contents: string;
}

/** A parsed schema file. */
export interface LoadedFile {
  readonly path: string;
  /** Absolute URI: base URI + path. */
  readonly uri: string;
  readonly kind: SchemaFileKind;
  readonly json: SchemaObject;
  /** JSON pointers of the schemas in this file that become named types (`/request`, `/$defs/x`). */
  readonly roots: readonly string[];
}

/** What the generator knows about one request contract. */
export interface RequestContractModel {
  readonly file: string;
  readonly name: string;
  readonly version: string;
  readonly description: string | undefined;
  readonly capability: string | undefined;
  readonly idempotent: boolean | undefined;
  /** Application error codes, sorted, with their descriptions. */
  readonly errors: readonly { readonly code: string; readonly description: string }[];
  readonly hash: string;
}

/** What the generator knows about one broadcast contract. */
export interface BroadcastContractModel {
  readonly file: string;
  readonly name: string;
  readonly version: string;
  readonly description: string | undefined;
  readonly hash: string;
}

/** Everything read from the schema files, sorted by path and name. */
export interface ContractModel {
  readonly files: readonly LoadedFile[];
  readonly requests: readonly RequestContractModel[];
  readonly broadcasts: readonly BroadcastContractModel[];
}

const meta = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const checkRequest = meta.compile(REQUEST_CONTRACT_SCHEMA);
const checkBroadcast = meta.compile(BROADCAST_CONTRACT_SCHEMA);

/** Parses and checks the inputs; problems go to `problems`, bad files are left out. */
export function loadContracts(
  inputs: readonly SchemaInput[],
  baseUri: string,
  problems: ProblemList,
): ContractModel {
  const files: LoadedFile[] = [];
  const requests: RequestContractModel[] = [];
  const broadcasts: BroadcastContractModel[] = [];
  const sorted = [...inputs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  let previous: string | undefined;
  for (const input of sorted) {
    const path = input.path;
    if (path === previous) {
      problems.add(path, "", "the same file was given twice");
      continue;
    }
    previous = path;
    const file = loadFile(input, baseUri, problems);
    if (file === undefined) continue;
    files.push(file);
    const { json } = file;
    const description = typeof json.description === "string" ? json.description : undefined;
    if (file.kind === "request") {
      const errors = isObject(json.errors) ? json.errors : {};
      requests.push({
        file: path,
        name: String(json.name),
        version: String(json.version),
        description,
        capability: typeof json.capability === "string" ? json.capability : undefined,
        idempotent: typeof json.idempotent === "boolean" ? json.idempotent : undefined,
        errors: Object.keys(errors)
          .sort()
          .map((code) => ({
            code,
            description: String((errors[code] as SchemaObject).description),
          })),
        hash: contentHash(json),
      });
    } else if (file.kind === "broadcast") {
      const hash = contentHash(json);
      broadcasts.push({
        file: path,
        name: String(json.name),
        version: String(json.version),
        description,
        hash,
      });
    }
  }
  checkNameClashes(requests, problems);
  checkNameClashes(broadcasts, problems);
  return { files, requests, broadcasts };
}

function loadFile(
  input: SchemaInput,
  baseUri: string,
  problems: ProblemList,
): LoadedFile | undefined {
  const { path } = input;
  const before = problems.items.length;
  if (
    !/^(?:[A-Za-z0-9_.-]+\/)*[A-Za-z0-9_.-]+\.json$/.test(path) ||
    path.split("/").includes("..")
  ) {
    problems.add(path, "", "a schema file path must be relative, /-separated and end in .json");
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(input.contents);
  } catch (error) {
    problems.add(
      path,
      "",
      `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
    return undefined;
  }
  if (!isObject(json)) {
    problems.add(path, "", "a schema file must hold a JSON object");
    return undefined;
  }
  const kind = kindOfPath(path);
  const uri = baseUri + path;
  if (json.$id !== undefined && json.$id !== uri) {
    problems.add(path, "/$id", `$id must be omitted or equal the file's URI "${uri}"`);
  }
  let roots: string[];
  if (kind === "shared") {
    roots = [""];
    lintSchema(path, json, "", problems, true);
  } else {
    const check = kind === "request" ? checkRequest : checkBroadcast;
    if (!check(json)) {
      for (const error of check.errors ?? [])
        problems.add(path, error.instancePath, metaMessage(error));
      return undefined;
    }
    const name = path.slice(path.indexOf("/") + 1, -".json".length);
    if (json.name !== name) {
      problems.add(path, "/name", `name "${String(json.name)}" must equal the file name "${name}"`);
    }
    roots = CONTRACT_ROOTS[kind].map((key) => `/${key}`);
    for (const root of roots) {
      lintSchema(path, json[root.slice(1)], root, problems, false);
      lintPayloadRoot(path, json[root.slice(1)], root, problems);
    }
    for (const code of Object.keys(isObject(json.errors) ? json.errors : {})) {
      if (isErrorCode(code)) {
        problems.add(
          path,
          `/errors/${code}`,
          `"${code}" is one of Parley's own error codes; pick another`,
        );
      }
    }
  }
  const defs = isObject(json.$defs) ? json.$defs : {};
  for (const key of Object.keys(defs).sort()) {
    const pointer = `/$defs/${pointerSegment(key)}`;
    roots.push(pointer);
    if (kind !== "shared") lintSchema(path, defs[key], pointer, problems, false);
  }
  return problems.items.length === before ? { path, uri, kind, json, roots } : undefined;
}

function metaMessage(error: ErrorObject): string {
  const extra = error.params as { additionalProperty?: string; allowedValue?: unknown };
  if (extra.additionalProperty !== undefined) return `unknown field "${extra.additionalProperty}"`;
  if (extra.allowedValue !== undefined)
    return `${error.message}: ${JSON.stringify(extra.allowedValue)}`;
  return error.message ?? "is invalid";
}

function checkNameClashes(
  contracts: readonly { readonly file: string; readonly name: string }[],
  problems: ProblemList,
): void {
  const seen = new Map<string, string>();
  for (const contract of contracts) {
    const key = pascalCase(contract.name);
    const other = seen.get(key);
    if (other !== undefined) {
      problems.add(
        contract.file,
        "/name",
        `"${contract.name}" and "${other}" make the same TypeScript name ${key}`,
      );
    }
    seen.set(key, contract.name);
  }
}
