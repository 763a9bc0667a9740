/**
 * `validators.ts`: ajv standalone code for every request, response and broadcast payload, so an
 * agent never compiles a schema at startup. The formats and ajv helpers it needs are emitted
 * into the file, so it imports nothing.
 */
import { _, Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import standaloneModule from "ajv/dist/standalone/index.js";
import { type Bundle, broadcastTypeName, requestTypeNames } from "./bundle.js";
import { type ProblemList, parsePointer, pointerSegment } from "./codegen-error.js";
import { FORMATS, formatsSource } from "./formats.js";
import type { ContractModel } from "./load-contracts.js";
import { GENERATED_HEADER, type GeneratedFile } from "./source-file.js";
import { replaceRequires } from "./validator-helpers.js";

const standaloneCode = standaloneModule.default;

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
  const ajv = new Ajv2020({
    code: { source: true, esm: true, lines: true, formats: _`parleyFormats` },
    allErrors: true,
    strict: true,
    strictTypes: false,
    allowUnionTypes: true,
  });
  for (const [name, regex] of Object.entries(FORMATS)) ajv.addFormat(name, regex);
  ajv.addKeyword("tsType");
  ajv.addKeyword("tsEnumNames");
  const before = problems.items.length;
  if (!ajv.validateSchema(bundle.schema)) {
    const seen = new Set<string>();
    for (const error of (ajv.errors ?? []) as ErrorObject[]) {
      const where = locate(bundle, error.instancePath);
      const key = `${where.file}#${where.pointer}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.add(
        where.file,
        where.pointer,
        `not a valid JSON Schema: ${error.message ?? "invalid"}`,
      );
    }
    return undefined;
  }
  ajv.addSchema(bundle.schema);
  for (const name of Object.keys(bundle.schema.$defs as object)) {
    try {
      ajv.getSchema(`${bundle.id}#/$defs/${name}`);
    } catch (error) {
      const where = locate(bundle, `/$defs/${name}`);
      // ajv names the bundle ("at <uri>#"), which means nothing to the user; the pointer says where.
      const message = error instanceof Error ? error.message : String(error);
      problems.add(where.file, where.pointer, message.replace(/ at "[^"]*"/, ""));
    }
  }
  if (problems.items.length > before) return undefined;
  const types = exportedTypes(model);
  const refs: Record<string, string> = {};
  for (const name of types) refs[raw(name)] = `${bundle.id}#/$defs/${name}`;
  let code = standaloneCode(ajv, refs).replace(/^"use strict";\n?/, "");
  // ajv exports the raw functions; the typed exports below take their place.
  code = code.replace(/(^|;|\n)export const (raw[A-Za-z0-9_]+) = /g, "$1const $2 = ");
  const replaced = replaceRequires(code);
  const usedFormats = Object.keys(FORMATS).filter((f) =>
    code.includes(`parleyFormats[${JSON.stringify(f)}]`),
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

/** Maps a pointer into the bundle back to its file and pointer. */
function locate(bundle: Bundle, instancePath: string): { file: string; pointer: string } {
  const [defs, name, ...rest] = parsePointer(instancePath);
  const origin = defs === "$defs" && name !== undefined ? bundle.origins.get(name) : undefined;
  if (origin === undefined) return { file: "(bundle)", pointer: instancePath };
  return {
    file: origin.file,
    pointer: origin.pointer + rest.map((s) => `/${pointerSegment(s)}`).join(""),
  };
}
