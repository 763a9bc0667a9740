/**
 * `envelope-validator.ts`, for Parley's own source tree: ajv standalone code for the wire
 * envelope (`envelope.schema.json`), so the runtime checks envelopes without ajv and without
 * compiling anything (a page with a strict Content-Security-Policy forbids `new Function`).
 * Same ajv settings the decoder used to compile it with: first error only, strict.
 */
import { _, Ajv2020 } from "ajv/dist/2020.js";
import type { ProblemList } from "./codegen-error.js";
import type { SchemaInput } from "./load-contracts.js";
import { isObject } from "./schema-walk.js";
import { GENERATED_HEADER, type GeneratedFile } from "./source-file.js";
import { standaloneSource } from "./validator-helpers.js";

/** The envelope schema's path in the schema directory. */
export const ENVELOPE_SCHEMA_PATH = "envelope.schema.json";

/**
 * Generates `envelope-validator.ts`; its `date-time` format is `isDateTime` from
 * `dateTimeModule`. Nothing when the schema directory has no envelope schema (another project's
 * contracts, run from Parley's directory); an invalid one goes to `problems`.
 */
export function emitEnvelopeValidator(
  inputs: readonly SchemaInput[],
  dateTimeModule: string,
  problems: ProblemList,
): GeneratedFile | undefined {
  const input = inputs.find((i) => i.path === ENVELOPE_SCHEMA_PATH);
  if (input === undefined) return undefined;
  const schema: unknown = JSON.parse(input.contents);
  if (!isObject(schema) || typeof schema.$id !== "string") {
    problems.add(ENVELOPE_SCHEMA_PATH, "/$id", "the envelope schema needs an $id");
    return undefined;
  }
  const ajv = new Ajv2020({
    code: { source: true, esm: true, lines: true, formats: _`parleyFormats` },
    allErrors: false,
    strict: true,
  });
  // Only the name matters while generating; the emitted table supplies the real check.
  ajv.addFormat("date-time", { type: "string", validate: () => true });
  try {
    ajv.addSchema(schema);
    ajv.getSchema(schema.$id);
  } catch (error) {
    problems.add(ENVELOPE_SCHEMA_PATH, "", error instanceof Error ? error.message : String(error));
    return undefined;
  }
  const { code, helpers } = standaloneSource(ajv, { rawEnvelope: schema.$id });
  const contents = [
    GENERATED_HEADER,
    "// @ts-nocheck: ajv's standalone output is plain JavaScript; the export at the end is typed.",
    `/** The wire envelope check, compiled from ${ENVELOPE_SCHEMA_PATH} (ajv standalone code). */`,
    `import { isDateTime } from ${JSON.stringify(dateTimeModule)};`,
    `import type { CompiledValidator } from "./validators.js";`,
    "",
    `const parleyFormats = { "date-time": { validate: isDateTime } };`,
    "",
    ...helpers.flatMap((h) => [h, ""]),
    code.trim(),
    "",
    "/** Validates an envelope; on failure `errors` holds the first problem. */",
    "export const validateEnvelope: CompiledValidator = rawEnvelope;",
    "",
  ];
  return { path: "envelope-validator.ts", contents: contents.join("\n") };
}
