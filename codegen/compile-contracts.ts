/**
 * `compileContracts`: the run-time registry straight from contract files, for tools (such as
 * `parley call --schemas`) that check messages against a user's contracts without generating
 * code. Same loader, bundle and ajv set-up as `generate`, so a file passes here exactly when
 * codegen accepts it, and data is judged by the same rules as the generated validators.
 */
import type { ErrorObject } from "ajv/dist/2020.js";
import type {
  BroadcastContract,
  ContractSet,
  RequestContract,
  ValidationIssue,
  Validator,
} from "parley-a2a/contracts";
import { broadcastTypeName, buildBundle, requestTypeNames } from "./bundle.js";
import { bundledTypeRef, compileBundle } from "./bundle-ajv.js";
import { CodegenError, ProblemList } from "./codegen-error.js";
import { contractDocuments } from "./contract-documents.js";
import { loadContracts, type SchemaInput } from "./load-contracts.js";
import { type GenerateOptions, resolveGenerateOptions } from "./options.js";
import { standaloneSchema } from "./standalone-schema.js";

/**
 * The contracts read and bundled (only `baseUri` of the options matters).
 * @throws CodegenError naming each bad file and JSON pointer.
 */
export function loadBundle(inputs: readonly SchemaInput[], options?: GenerateOptions) {
  const { baseUri } = resolveGenerateOptions(options);
  const problems = new ProblemList();
  const model = loadContracts(inputs, baseUri, problems);
  problems.throwIfAny();
  const bundle = buildBundle(model, baseUri, problems);
  problems.throwIfAny();
  return { model, bundle, problems };
}

/**
 * Compiles contract files into a {@link ContractSet} to pass to `createAgent({ contracts })`.
 * Only `baseUri` of the options matters here.
 * @throws CodegenError naming each bad file and JSON pointer.
 */
export function compileContracts(
  inputs: readonly SchemaInput[],
  options?: GenerateOptions,
): ContractSet {
  const { model, bundle, problems } = loadBundle(inputs, options);
  const ajv = compileBundle(bundle, problems, { standalone: false });
  if (!ajv) throw new CodegenError(problems.items);
  const validator = (typeName: string): Validator => {
    const compiled = ajv.getSchema(bundledTypeRef(bundle, typeName));
    if (!compiled) throw new Error(`type ${typeName} is missing from the contract bundle`);
    return (value) =>
      compiled(value) ? [] : ((compiled.errors ?? []) as ErrorObject[]).map(toIssue);
  };
  const requests: Record<string, RequestContract> = {};
  for (const r of model.requests) {
    const names = requestTypeNames(r.name);
    // A variable, not a literal: this also builds against a runtime whose types predate the schemas.
    const contract = {
      name: r.name,
      version: r.version,
      hash: r.hash,
      ...(r.description === undefined ? {} : { description: r.description }),
      ...(r.capability === undefined ? {} : { capability: r.capability }),
      ...(r.idempotent === undefined ? {} : { idempotent: r.idempotent }),
      errors: r.errors.map((e) => e.code),
      validateRequest: validator(names.request),
      validateResponse: validator(names.response),
      requestSchema: standaloneSchema(bundle, names.request),
      responseSchema: standaloneSchema(bundle, names.response),
    };
    requests[r.name] = contract;
  }
  const broadcasts: Record<string, BroadcastContract> = {};
  for (const b of model.broadcasts) {
    broadcasts[b.name] = {
      name: b.name,
      version: b.version,
      hash: b.hash,
      ...(b.description === undefined ? {} : { description: b.description }),
      validatePayload: validator(broadcastTypeName(b.name)),
    };
  }
  return { requests, broadcasts, documents: contractDocuments(model, bundle) };
}

function toIssue(error: ErrorObject): ValidationIssue {
  return {
    instancePath: error.instancePath,
    message: error.message ?? "is invalid",
    keyword: error.keyword,
    params: error.params,
  };
}
