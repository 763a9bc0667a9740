/**
 * `validators.ts`: ajv standalone code for every request, response and broadcast payload, so an
 * agent never compiles a schema at startup. The formats and ajv helpers it needs are emitted
 * into the file, so it imports nothing.
 */
import { type Bundle, broadcastTypeName, requestTypeNames } from "./bundle.js";
import { bundledTypeRef, compileBundle } from "./bundle-ajv.js";
import type { ProblemList } from "./codegen-error.js";
import { FORMATS, formatsSource } from "./formats.js";
import type { ContractModel } from "./load-contracts.js";
import { GENERATED_HEADER, type GeneratedFile } from "./source-file.js";
import { standaloneSource } from "./validator-helpers.js";

/** Name of the exported validator for a bundled type. */
export function validatorName(typeName: string): string {
  return `validate${typeName}`;
}

/** The bundled types that get an exported validator, sorted. */
function exportedTypes(model: ContractModel): string[] {
  const names = model.requests.flatMap((r) => Object.values(requestTypeNames(r.name)));
  names.push(...model.broadcasts.map((b) => broadcastTypeName(b.name)));
  return names.sort();
}

/** Generates `validators.ts`; schema errors ajv finds go to `problems` (then returns undefined). */
export function emitValidators(
  model: ContractModel,
  bundle: Bundle,
  problems: ProblemList,
): GeneratedFile | undefined {
  const ajv = compileBundle(bundle, problems, { standalone: true });
  if (!ajv) return undefined;
  const types = exportedTypes(model);
  const refs: Record<string, string> = {};
  for (const name of types) refs[raw(name)] = bundledTypeRef(bundle, name);
  // The raw functions stay private; the typed exports below take their place.
  const replaced = standaloneSource(ajv, refs);
  const usedFormats = Object.keys(FORMATS).filter((f) =>
    replaced.code.includes(`parleyFormats[${JSON.stringify(f)}]`),
  );
  const exports = types.map(
    (name) =>
      `/** Validates a {@link ${name}}. */\nexport const ${validatorName(name)}: CompiledValidator = ${raw(name)};`,
  );
  const contents = [
    GENERATED_HEADER,
    "// @ts-nocheck: ajv's standalone output is plain JavaScript; the exports at the end are typed.",
    "/** Compiled JSON Schema validators (ajv standalone code); they need no ajv at run time. */",
    "",
    "/** An ajv validate function: true when valid, else the problems are in `errors`. */",
    "export interface CompiledValidator {",
    "  (value: unknown): boolean;",
    "  errors?: readonly CompiledValidatorError[] | null;",
    "}",
    "",
    "/** One problem, as ajv reports it. */",
    "export interface CompiledValidatorError {",
    "  instancePath: string;",
    "  keyword: string;",
    "  message?: string;",
    "  params: Record<string, unknown>;",
    "}",
    "",
    ...(usedFormats.length > 0 ? [formatsSource(usedFormats), ""] : []),
    ...replaced.helpers.flatMap((h) => [h, ""]),
    replaced.code.trim(),
    "",
    ...exports,
    "",
  ];
  return { path: "validators.ts", contents: contents.join("\n") };
}

function raw(typeName: string): string {
  return `raw${typeName}`;
}
