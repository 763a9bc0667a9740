/** Breaking-change table rows: fields, required-ness and additionalProperties. */
import { B, field, OK, type SchemaPair, str } from "./schema-pair.js";

export const fieldPairs: readonly SchemaPair[] = [
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
];
