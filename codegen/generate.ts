/**
 * `generate`: contract files in, generated files out. A pure function of its inputs and options
 * (no file system, no network, no clock), so the same schemas always give byte-identical output.
 */
import { buildBundle } from "./bundle.js";
import { ProblemList } from "./codegen-error.js";
import { broadcastMethodNames, emitClient, requestMethodName } from "./emit-client.js";
import { emitContracts } from "./emit-contracts.js";
import { emitEnvelopeValidator } from "./emit-envelope-validator.js";
import { emitHandlers } from "./emit-handlers.js";
import { emitIndex } from "./emit-index.js";
import { emitRuntime } from "./emit-runtime.js";
import { emitTypes } from "./emit-types.js";
import { emitValidators } from "./emit-validators.js";
import { type ContractModel, loadContracts, type SchemaInput } from "./load-contracts.js";
import { type GenerateOptions, resolveGenerateOptions } from "./options.js";
import type { GeneratedFile } from "./source-file.js";

/**
 * Generates `types.ts`, `validators.ts`, `contracts.ts`, `client.ts`, `handlers.ts`, `runtime.ts`
 * and `index.ts` (paths relative to the output directory), sorted by path; `envelope-validator.ts`
 * too when `envelopeDateTimeModule` is set.
 * @throws CodegenError naming each bad file and JSON pointer.
 */
export async function generate(
  inputs: readonly SchemaInput[],
  options?: GenerateOptions,
): Promise<GeneratedFile[]> {
  const resolved = resolveGenerateOptions(options);
  const problems = new ProblemList();
  const model = loadContracts(inputs, resolved.baseUri, problems);
  checkMethodClashes(model, problems);
  problems.throwIfAny();
  const bundle = buildBundle(model, resolved.baseUri, problems);
  problems.throwIfAny();
  const validators = emitValidators(model, bundle, problems);
  const envelope =
    resolved.envelopeDateTimeModule === null
      ? undefined
      : emitEnvelopeValidator(inputs, resolved.envelopeDateTimeModule, problems);
  problems.throwIfAny();
  const files = [
    ...(envelope === undefined ? [] : [envelope]),
    await emitTypes(model, bundle),
    validators as GeneratedFile,
    emitContracts(model, bundle),
    emitClient(model),
    emitHandlers(model),
    emitRuntime(resolved.runtimeImport),
    emitIndex(model, bundle),
  ];
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/**
 * Checks the contracts and returns what was read from them, without generating anything.
 * @throws CodegenError naming each bad file and JSON pointer.
 */
export function readContracts(
  inputs: readonly SchemaInput[],
  options?: GenerateOptions,
): ContractModel {
  const resolved = resolveGenerateOptions(options);
  const problems = new ProblemList();
  const model = loadContracts(inputs, resolved.baseUri, problems);
  problems.throwIfAny();
  return model;
}

/** Request and broadcast types must not map to the same client method. */
function checkMethodClashes(model: ContractModel, problems: ProblemList): void {
  const owners = new Map<string, string>();
  const claim = (method: string, file: string) => {
    const owner = owners.get(method);
    if (owner !== undefined)
      problems.add(file, "/name", `client method ${method} is already made for ${owner}`);
    else owners.set(method, file);
  };
  for (const r of model.requests) claim(requestMethodName(r.name), r.file);
  for (const b of model.broadcasts) {
    const names = broadcastMethodNames(b.name);
    claim(names.send, b.file);
    claim(names.listen, b.file);
  }
}
