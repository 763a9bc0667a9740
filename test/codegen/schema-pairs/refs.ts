/** Breaking-change table rows: `$ref` to a shared file, to the contract's `$defs`, recursive. */
import { B, field, OK, type SchemaPair, str } from "./schema-pair.js";

export const refPairs: readonly SchemaPair[] = [
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
