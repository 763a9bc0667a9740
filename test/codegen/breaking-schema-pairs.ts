/**
 * The table of schema pairs the breaking-change check is tested on: an old and a new schema, and
 * whether the change breaks old users when the schema is a request, and when it is a response.
 * `path` is where (below `/request` or `/response`) a breaking change must be reported.
 */

type Schema = Record<string, unknown>;

/** One row of the table. */
export interface SchemaPair {
  readonly name: string;
  readonly before: Schema;
  readonly after: Schema;
  /** Breaks old callers as a request schema. */
  readonly request: boolean;
  /** Breaks old callers as a response schema. */
  readonly response: boolean;
  /** Pointer below the root of the breaking change (checked in whichever direction breaks). */
  readonly path?: string;
  /** The shared file `common/thing.json` in the old and the new set. */
  readonly shared?: { readonly before: Schema; readonly after: Schema };
  /** The two accept exactly the same values: no change at all is listed. */
  readonly same?: true;
  /** The contract file's `$defs` in the old and the new set. */
  readonly defs?: { readonly before: Schema; readonly after: Schema };
}

/** A payload root holding one field `v` with schema `s`. */
const field = (s: Schema, extra: Schema = {}): Schema => ({
  type: "object",
  properties: { v: s },
  ...extra,
});
const str = { type: "string" };
const B = true;
const OK = false;

export const SCHEMA_PAIRS: readonly SchemaPair[] = [
  // Fields and required-ness
  {
    name: "new required field",
    before: field(str),
    after: field(str, { required: ["v"] }),
    request: B,
    response: OK,
    path: "/required",
  },
  {
    name: "required field no longer required",
    before: field(str, { required: ["v"] }),
    after: field(str),
    request: OK,
    response: B,
    path: "/required",
  },
  {
    name: "new optional field, unknown fields allowed",
    before: { type: "object" },
    after: field(str),
    request: OK,
    response: OK,
  },
  {
    name: "new optional field, unknown fields refused",
    before: { type: "object", additionalProperties: false },
    after: field(str, { additionalProperties: false }),
    request: OK,
    response: B,
    path: "/properties/v",
  },
  {
    name: "optional field removed, unknown fields refused",
    before: field(str, { additionalProperties: false }),
    after: { type: "object", additionalProperties: false },
    request: B,
    response: OK,
    path: "/properties/v",
  },
  {
    name: "optional field removed, unknown fields allowed",
    before: field(str),
    after: { type: "object" },
    request: OK,
    response: OK,
  },
  // additionalProperties
  {
    name: "additionalProperties closed",
    before: field(str, { additionalProperties: true }),
    after: field(str, { additionalProperties: false }),
    request: B,
    response: OK,
    path: "/additionalProperties",
  },
  {
    name: "additionalProperties closed where it was unset",
    before: field(str),
    after: field(str, { additionalProperties: false }),
    request: B,
    response: OK,
    path: "/additionalProperties",
  },
  {
    name: "additionalProperties opened",
    before: field(str, { additionalProperties: false }),
    after: field(str, { additionalProperties: true }),
    request: OK,
    response: B,
    path: "/additionalProperties",
  },
  {
    name: "additionalProperties given a type",
    before: field(str),
    after: field(str, { additionalProperties: { type: "number" } }),
    request: B,
    response: OK,
    path: "/additionalProperties/type",
  },
  // type
  {
    name: "type changed string -> number",
    before: field(str),
    after: field({ type: "number" }),
    request: B,
    response: B,
    path: "/properties/v/type",
  },
  {
    name: "type widened to allow null",
    before: field(str),
    after: field({ type: ["string", "null"] }),
    request: OK,
    response: B,
    path: "/properties/v/type",
  },
  {
    name: "type narrowed to forbid null",
    before: field({ type: ["string", "null"] }),
    after: field(str),
    request: B,
    response: OK,
    path: "/properties/v/type",
  },
  {
    name: "integer widened to number",
    before: field({ type: "integer" }),
    after: field({ type: "number" }),
    request: OK,
    response: B,
    path: "/properties/v/type",
  },
  {
    name: "number narrowed to integer",
    before: field({ type: "number" }),
    after: field({ type: "integer" }),
    request: B,
    response: OK,
    path: "/properties/v/type",
  },
  {
    name: "type given where there was none",
    before: field({}),
    after: field(str),
    request: B,
    response: OK,
    path: "/properties/v/type",
  },
  // enum and const
  {
    name: "enum value removed",
    before: field({ enum: ["fr", "de"] }),
    after: field({ enum: ["fr"] }),
    request: B,
    response: OK,
    path: "/properties/v/enum",
  },
  {
    name: "enum value added",
    before: field({ enum: ["fr"] }),
    after: field({ enum: ["fr", "de"] }),
    request: OK,
    response: B,
    path: "/properties/v/enum",
  },
  {
    name: "enum value renamed",
    before: field({ enum: ["fr", "de"] }),
    after: field({ enum: ["fr", "ge"] }),
    request: B,
    response: B,
    path: "/properties/v/enum",
  },
  {
    name: "enum added to a plain string",
    before: field(str),
    after: field({ type: "string", enum: ["a"] }),
    request: B,
    response: OK,
    path: "/properties/v/enum",
  },
  {
    name: "enum removed",
    before: field({ type: "string", enum: ["a"] }),
    after: field(str),
    request: OK,
    response: B,
    path: "/properties/v/enum",
  },
  {
    name: "const changed",
    before: field({ const: "v1" }),
    after: field({ const: "v2" }),
    request: B,
    response: B,
    path: "/properties/v/const",
  },
  // bounds
  {
    name: "minLength raised",
    before: field({ type: "string", minLength: 1 }),
    after: field({ type: "string", minLength: 3 }),
    request: B,
    response: OK,
    path: "/properties/v/minLength",
  },
  {
    name: "minLength lowered",
    before: field({ type: "string", minLength: 3 }),
    after: field({ type: "string", minLength: 1 }),
    request: OK,
    response: B,
    path: "/properties/v/minLength",
  },
  {
    name: "maxLength added",
    before: field(str),
    after: field({ type: "string", maxLength: 10 }),
    request: B,
    response: OK,
    path: "/properties/v/maxLength",
  },
  {
    name: "maximum raised",
    before: field({ type: "number", maximum: 10 }),
    after: field({ type: "number", maximum: 20 }),
    request: OK,
    response: B,
    path: "/properties/v/maximum",
  },
  {
    name: "minimum removed",
    before: field({ type: "number", minimum: 0 }),
    after: field({ type: "number" }),
    request: OK,
    response: B,
    path: "/properties/v/minimum",
  },
  {
    name: "exclusiveMinimum added",
    before: field({ type: "number" }),
    after: field({ type: "number", exclusiveMinimum: 0 }),
    request: B,
    response: OK,
    path: "/properties/v/exclusiveMinimum",
  },
  {
    name: "minItems raised",
    before: field({ type: "array", minItems: 0 }),
    after: field({ type: "array", minItems: 1 }),
    request: B,
    response: OK,
    path: "/properties/v/minItems",
  },
  {
    name: "maxItems lowered",
    before: field({ type: "array", maxItems: 5 }),
    after: field({ type: "array", maxItems: 2 }),
    request: B,
    response: OK,
    path: "/properties/v/maxItems",
  },
  {
    name: "minProperties added",
    before: field({ type: "object" }),
    after: field({ type: "object", minProperties: 1 }),
    request: B,
    response: OK,
    path: "/properties/v/minProperties",
  },
  {
    name: "multipleOf added",
    before: field({ type: "number" }),
    after: field({ type: "number", multipleOf: 5 }),
    request: B,
    response: OK,
    path: "/properties/v/multipleOf",
  },
  // pattern, format, uniqueItems
  {
    name: "pattern added",
    before: field(str),
    after: field({ type: "string", pattern: "^[a-z]+$" }),
    request: B,
    response: OK,
    path: "/properties/v/pattern",
  },
  {
    name: "pattern changed",
    before: field({ type: "string", pattern: "^[a-z]+$" }),
    after: field({ type: "string", pattern: "^[0-9]+$" }),
    request: B,
    response: B,
    path: "/properties/v/pattern",
  },
  {
    name: "pattern removed",
    before: field({ type: "string", pattern: "^[a-z]+$" }),
    after: field(str),
    request: OK,
    response: B,
    path: "/properties/v/pattern",
  },
  {
    name: "format added",
    before: field(str),
    after: field({ type: "string", format: "email" }),
    request: B,
    response: OK,
    path: "/properties/v/format",
  },
  {
    name: "uniqueItems added",
    before: field({ type: "array" }),
    after: field({ type: "array", uniqueItems: true }),
    request: B,
    response: OK,
    path: "/properties/v/uniqueItems",
  },
  // subschemas
  {
    name: "array items changed type",
    before: field({ type: "array", items: str }),
    after: field({ type: "array", items: { type: "integer" } }),
    request: B,
    response: B,
    path: "/properties/v/items/type",
  },
  {
    name: "nested object gets a required field",
    before: field(field(str)),
    after: field(field(str, { required: ["v"] })),
    request: B,
    response: OK,
    path: "/properties/v/required",
  },
  {
    name: "anyOf branch added",
    before: field({ anyOf: [str] }),
    after: field({ anyOf: [str, { type: "number" }] }),
    request: OK,
    response: B,
    path: "/properties/v/anyOf/1",
  },
  {
    name: "anyOf branch removed",
    before: field({ anyOf: [str, { type: "number" }] }),
    after: field({ anyOf: [str] }),
    request: B,
    response: OK,
    path: "/properties/v/anyOf/1",
  },
  {
    name: "allOf entry added",
    before: field({ allOf: [str] }),
    after: field({ allOf: [str, { minLength: 2 }] }),
    request: B,
    response: OK,
    path: "/properties/v/allOf/1",
  },
  {
    name: "not added (a value refused)",
    before: field(str),
    after: field({ type: "string", not: { const: "x" } }),
    request: B,
    response: OK,
    path: "/properties/v/not",
  },
  {
    name: "not loosened (fewer values refused)",
    before: field({ type: "string", not: { enum: ["x", "y"] } }),
    after: field({ type: "string", not: { enum: ["x"] } }),
    request: OK,
    response: B,
    path: "/properties/v/not/enum",
  },
  // annotations
  {
    name: "description and title changed",
    before: field({ type: "string", description: "a" }),
    after: field({ type: "string", description: "b", title: "V" }),
    request: OK,
    response: OK,
  },
  {
    name: "default and examples changed",
    before: field({ type: "string", default: "a" }),
    after: field({ type: "string", default: "b", examples: ["c"] }),
    request: OK,
    response: OK,
  },
  // $ref
  {
    name: "$ref'd shared schema gets a required field",
    before: field({ $ref: "../common/thing.json" }),
    after: field({ $ref: "../common/thing.json" }),
    shared: {
      before: { type: "object", properties: { id: str } },
      after: { type: "object", required: ["id"], properties: { id: str } },
    },
    request: B,
    response: OK,
    path: "/properties/v/required",
  },
  {
    name: "$ref'd shared schema widens an enum",
    before: field({ $ref: "../common/thing.json#/$defs/color" }),
    after: field({ $ref: "../common/thing.json#/$defs/color" }),
    shared: {
      before: { $defs: { color: { enum: ["red"] } } },
      after: { $defs: { color: { enum: ["red", "blue"] } } },
    },
    request: OK,
    response: B,
    path: "/properties/v/enum",
  },
  {
    name: "inline schema moved behind an equal $ref",
    before: field({ type: "string", minLength: 1 }),
    after: field({ $ref: "../common/thing.json" }),
    shared: { before: { type: "string" }, after: { type: "string", minLength: 1 } },
    same: true,
    request: OK,
    response: OK,
  },
  {
    name: "$ref into the contract's own $defs, value removed",
    before: field({ $ref: "#/$defs/level" }),
    after: field({ $ref: "#/$defs/level" }),
    defs: { before: { level: { enum: [1, 2, 3] } }, after: { level: { enum: [1, 2] } } },
    request: B,
    response: OK,
    path: "/properties/v/enum",
  },
  {
    name: "recursive shared schema, child type changed",
    before: field({ $ref: "../common/thing.json" }),
    after: field({ $ref: "../common/thing.json" }),
    shared: {
      before: {
        type: "object",
        properties: { name: str, children: { type: "array", items: { $ref: "#" } } },
      },
      after: {
        type: "object",
        properties: {
          name: { type: "integer" },
          children: { type: "array", items: { $ref: "#" } },
        },
      },
    },
    request: B,
    response: B,
    path: "/properties/v/properties/name/type",
  },
];
