/** Breaking-change table rows: subschemas (items, nested, anyOf, allOf, not), annotations. */
import { B, field, OK, type SchemaPair, str } from "./schema-pair.js";

export const subschemaPairs: readonly SchemaPair[] = [
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
];
