/**
 * Keyword checks a schema gets before anything is generated from it, each reported at its exact
 * JSON pointer (ajv's own strict-mode errors say little about where).
 */
import { type ProblemList, pointerSegment } from "./codegen-error.js";
import { FORMAT_NAMES, FORMATS } from "./formats.js";
import { isObject, KNOWN_KEYWORDS, UNSUPPORTED_KEYWORDS, walkSchema } from "./schema-walk.js";

/**
 * Reports unknown and unsupported keywords, unknown formats and non-string `$ref`s in `schema`
 * (found at pointer `at` of `file`). `isFileRoot`: the schema is a whole file, so `$id` is allowed.
 */
export function lintSchema(
  file: string,
  schema: unknown,
  at: string,
  problems: ProblemList,
  isFileRoot: boolean,
): void {
  walkSchema(schema, at, (node, pointer) => {
    if (typeof node === "boolean") return;
    if (!isObject(node)) {
      problems.add(file, pointer, "a schema must be an object or a boolean");
      return;
    }
    for (const key of Object.keys(node).sort()) {
      const here = `${pointer}/${pointerSegment(key)}`;
      if (key === "$id" && isFileRoot && pointer === at) continue;
      const unsupported = UNSUPPORTED_KEYWORDS[key];
      if (unsupported !== undefined) problems.add(file, here, unsupported);
      else if (!KNOWN_KEYWORDS.has(key)) problems.add(file, here, `unknown keyword "${key}"`);
    }
    if (node.$ref !== undefined && typeof node.$ref !== "string") {
      problems.add(file, `${pointer}/$ref`, "$ref must be a string");
    }
    if (
      node.format !== undefined &&
      (typeof node.format !== "string" || !(node.format in FORMATS))
    ) {
      problems.add(
        file,
        `${pointer}/format`,
        `unsupported format ${JSON.stringify(node.format)} (supported: ${FORMAT_NAMES.join(", ")})`,
      );
    }
  });
}

/**
 * A contract's request, response or payload must describe a JSON object: on the wire it is
 * spread into `{ request_type, ... }` (or is the response payload, always an object).
 */
export function lintPayloadRoot(
  file: string,
  schema: unknown,
  at: string,
  problems: ProblemList,
): void {
  if (!isObject(schema) || schema.type === undefined) return;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (!types.includes("object")) {
    problems.add(
      file,
      `${at}/type`,
      'a payload is a JSON object on the wire: use "type": "object"',
    );
  }
}
