/**
 * Walks a JSON Schema (draft 2020-12) by keyword, visiting every subschema with its JSON pointer.
 * Values of data keywords (`const`, `enum`, `default`, `examples`) are never entered, so a `$ref`
 * key inside example data is left alone.
 */
import { pointerSegment } from "./codegen-error.js";

/** Keywords whose value is one subschema. */
const SINGLE = [
  "additionalProperties",
  "items",
  "contains",
  "propertyNames",
  "not",
  "if",
  "then",
  "else",
  "unevaluatedItems",
  "unevaluatedProperties",
  "contentSchema",
];
/** Keywords whose value is a map of subschemas. */
const MAP = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];
/** Keywords whose value is an array of subschemas. */
const LIST = ["allOf", "anyOf", "oneOf", "prefixItems"];
/** Every other keyword Parley accepts (validation, annotation, and json-schema-to-typescript's). */
const OTHER = [
  "$schema",
  "$comment",
  "$ref",
  "type",
  "enum",
  "const",
  "default",
  "examples",
  "title",
  "description",
  "deprecated",
  "readOnly",
  "writeOnly",
  "format",
  "contentEncoding",
  "contentMediaType",
  "required",
  "dependentRequired",
  "multipleOf",
  "maximum",
  "exclusiveMaximum",
  "minimum",
  "exclusiveMinimum",
  "maxLength",
  "minLength",
  "pattern",
  "maxItems",
  "minItems",
  "uniqueItems",
  "maxContains",
  "minContains",
  "maxProperties",
  "minProperties",
  "tsType",
  "tsEnumNames",
];
/** Keywords Parley does not support, with the reason given to the user. */
export const UNSUPPORTED_KEYWORDS: Readonly<Record<string, string>> = {
  $id: "a nested $id is not supported: a file's URI comes from its path",
  $anchor: "$anchor is not supported: use a JSON pointer ($defs) instead",
  $dynamicRef: "$dynamicRef is not supported",
  $dynamicAnchor: "$dynamicAnchor is not supported",
  $recursiveRef: "$recursiveRef is not supported",
  $recursiveAnchor: "$recursiveAnchor is not supported",
  $vocabulary: "$vocabulary is not supported",
};

/** Every keyword a Parley schema may use. */
export const KNOWN_KEYWORDS: ReadonlySet<string> = new Set([...SINGLE, ...MAP, ...LIST, ...OTHER]);

/** A JSON object, as parsed from a schema file. */
export type SchemaObject = { [key: string]: unknown };

/** True for a non-null, non-array object. */
export function isObject(value: unknown): value is SchemaObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Calls `visit` for `schema` and each subschema below it (pre-order, keys in sorted order).
 * Boolean schemas are visited too; non-schema values where a schema belongs are passed as is,
 * so the visitor can report them.
 */
export function walkSchema(
  schema: unknown,
  pointer: string,
  visit: (schema: unknown, pointer: string) => void,
): void {
  visit(schema, pointer);
  if (!isObject(schema)) return;
  for (const key of Object.keys(schema).sort()) {
    const value = schema[key];
    const at = `${pointer}/${pointerSegment(key)}`;
    if (SINGLE.includes(key)) {
      walkSchema(value, at, visit);
    } else if (MAP.includes(key) && isObject(value)) {
      for (const name of Object.keys(value).sort()) {
        walkSchema(value[name], `${at}/${pointerSegment(name)}`, visit);
      }
    } else if (LIST.includes(key) && Array.isArray(value)) {
      value.forEach((item, i) => {
        walkSchema(item, `${at}/${i}`, visit);
      });
    }
  }
}
