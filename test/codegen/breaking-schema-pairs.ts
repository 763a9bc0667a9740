/**
 * The table of schema pairs the breaking-change check is tested on (schema-pairs/schema-pair.ts
 * says what a row holds), by the part of JSON Schema each group changes.
 */
import { boundPairs } from "./schema-pairs/bounds.js";
import { fieldPairs } from "./schema-pairs/fields.js";
import { refPairs } from "./schema-pairs/refs.js";
import type { SchemaPair } from "./schema-pairs/schema-pair.js";
import { subschemaPairs } from "./schema-pairs/subschemas.js";
import { typePairs } from "./schema-pairs/types.js";

export type { SchemaPair } from "./schema-pairs/schema-pair.js";

export const SCHEMA_PAIRS: readonly SchemaPair[] = [
  ...fieldPairs,
  ...typePairs,
  ...boundPairs,
  ...subschemaPairs,
  ...refPairs,
];
