/**
 * The rules for keywords that hold values, not subschemas: `type`, `enum`/`const`, `required`,
 * the bounds, `pattern`, `format`, `uniqueItems` and the annotations. Each compares one keyword of
 * an old and a new schema object and says what the change does to the accepted values.
 */
import { canonicalJson } from "./canonical-json.js";
import { type SchemaChange, SchemaEffect } from "./schema-change.js";
import type { SchemaObject } from "./schema-walk.js";

type Emit = (keyword: string, effect: SchemaEffect, what: string, why?: string) => void;

/** Lower bounds: a larger value (or a new one) accepts less. */
const LOWER_BOUNDS = [
  "minimum",
  "exclusiveMinimum",
  "minLength",
  "minItems",
  "minProperties",
  "minContains",
];
/** Upper bounds: a smaller value (or a new one) accepts less. */
const UPPER_BOUNDS = [
  "maximum",
  "exclusiveMaximum",
  "maxLength",
  "maxItems",
  "maxProperties",
  "maxContains",
];
/** Constraints whose change cannot be ordered: added narrows, removed widens, changed changes. */
const OPAQUE = ["pattern", "format", "multipleOf", "contentEncoding", "contentMediaType"];
/** Keywords that never change which values are accepted. */
const ANNOTATIONS = [
  "title",
  "description",
  "$comment",
  "default",
  "examples",
  "deprecated",
  "readOnly",
  "writeOnly",
  "tsType",
  "tsEnumNames",
];
/** A file's own keywords: not part of what a schema accepts where it is used. */
const FILE_KEYWORDS = ["$schema", "$id"];

/** Every keyword this file compares. */
export const VALUE_KEYWORDS: ReadonlySet<string> = new Set([
  "type",
  "enum",
  "const",
  "required",
  "dependentRequired",
  "uniqueItems",
  ...LOWER_BOUNDS,
  ...UPPER_BOUNDS,
  ...OPAQUE,
  ...ANNOTATIONS,
  ...FILE_KEYWORDS,
]);

/** Compares the value keywords of `before` and `after` at `path`. */
export function diffValueKeywords(
  before: SchemaObject,
  after: SchemaObject,
  path: string,
): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const emit: Emit = (keyword, effect, what, why) =>
    changes.push({
      path: `${path}/${keyword}`,
      effect,
      what,
      ...(why === undefined ? {} : { why }),
    });
  diffTypes(before, after, emit);
  diffValues(before, after, emit);
  diffRequired(before, after, emit);
  for (const key of LOWER_BOUNDS) diffBound(key, before[key], after[key], 1, emit);
  for (const key of UPPER_BOUNDS) diffBound(key, before[key], after[key], -1, emit);
  for (const key of OPAQUE) diffOpaque(key, before[key], after[key], emit);
  if ((before.uniqueItems === true) !== (after.uniqueItems === true)) {
    emit(
      "uniqueItems",
      after.uniqueItems === true ? SchemaEffect.narrows : SchemaEffect.widens,
      after.uniqueItems === true ? "items must now be unique" : "items may now repeat",
    );
  }
  if (!same(before.dependentRequired, after.dependentRequired)) {
    emit("dependentRequired", SchemaEffect.changes, "dependentRequired changed");
  }
  for (const key of ANNOTATIONS) {
    if (!same(before[key], after[key]))
      emit(key, SchemaEffect.neutral, `${key} changed`, "an annotation: accepts the same values");
  }
  return changes;
}

/** The JSON types a schema allows; undefined when it does not say (any type). */
function typesOf(schema: SchemaObject): Set<string> | undefined {
  if (typeof schema.type === "string") return new Set([schema.type]);
  if (Array.isArray(schema.type)) return new Set(schema.type.map(String));
  return undefined;
}

/** True when a value of type `type` is allowed by `types` (an integer is a number). */
function allows(types: Set<string> | undefined, type: string): boolean {
  return types === undefined || types.has(type) || (type === "integer" && types.has("number"));
}

function diffTypes(before: SchemaObject, after: SchemaObject, emit: Emit): void {
  const old = typesOf(before);
  const now = typesOf(after);
  if (old === undefined && now === undefined) return;
  if (old === undefined) {
    emit("type", SchemaEffect.narrows, `type restricted to ${list(now)}`);
    return;
  }
  if (now === undefined) {
    emit("type", SchemaEffect.widens, `type no longer restricted (was ${list(old)})`);
    return;
  }
  const removed = [...old].filter((t) => !allows(now, t));
  const added = [...now].filter((t) => !allows(old, t));
  if (removed.length > 0 && added.length > 0) {
    emit("type", SchemaEffect.changes, `type changed from ${list(old)} to ${list(now)}`);
  } else if (removed.length > 0) {
    emit("type", SchemaEffect.narrows, `type ${list(removed)} no longer allowed`);
  } else if (added.length > 0) {
    emit("type", SchemaEffect.widens, `type ${list(added)} now allowed`);
  }
}

/** `enum` and `const` as one list of allowed values; undefined when neither is there. */
function valuesOf(schema: SchemaObject): Map<string, unknown> | undefined {
  const values =
    schema.const !== undefined
      ? [schema.const]
      : Array.isArray(schema.enum)
        ? schema.enum
        : undefined;
  return values === undefined ? undefined : new Map(values.map((v) => [canonicalJson(v), v]));
}

function diffValues(before: SchemaObject, after: SchemaObject, emit: Emit): void {
  const old = valuesOf(before);
  const now = valuesOf(after);
  const keyword = after.const !== undefined || before.const !== undefined ? "const" : "enum";
  if (old === undefined && now === undefined) return;
  if (old === undefined) {
    emit(keyword, SchemaEffect.narrows, `values restricted to ${values(now)}`);
    return;
  }
  if (now === undefined) {
    emit(keyword, SchemaEffect.widens, `values no longer restricted (were ${values(old)})`);
    return;
  }
  const removed = [...old.keys()].filter((k) => !now.has(k));
  const added = [...now.keys()].filter((k) => !old.has(k));
  if (removed.length > 0) {
    emit(keyword, SchemaEffect.narrows, `value ${removed.join(", ")} no longer allowed`);
  }
  if (added.length > 0) {
    emit(keyword, SchemaEffect.widens, `value ${added.join(", ")} now allowed`);
  }
}

function diffRequired(before: SchemaObject, after: SchemaObject, emit: Emit): void {
  const old = new Set(Array.isArray(before.required) ? before.required.map(String) : []);
  const now = new Set(Array.isArray(after.required) ? after.required.map(String) : []);
  for (const name of now) {
    if (!old.has(name)) emit("required", SchemaEffect.narrows, `new required field "${name}"`);
  }
  for (const name of old) {
    if (!now.has(name)) emit("required", SchemaEffect.widens, `field "${name}" no longer required`);
  }
}

/** `sign` 1 for a lower bound (raising it narrows), -1 for an upper bound. */
function diffBound(key: string, old: unknown, now: unknown, sign: 1 | -1, emit: Emit): void {
  if (same(old, now)) return;
  if (typeof old !== "number" && typeof now === "number") {
    emit(key, SchemaEffect.narrows, `new ${key} ${now}`);
  } else if (typeof old === "number" && typeof now !== "number") {
    emit(key, SchemaEffect.widens, `${key} ${old} removed`);
  } else if (typeof old === "number" && typeof now === "number") {
    const tighter = (now - old) * sign > 0;
    emit(
      key,
      tighter ? SchemaEffect.narrows : SchemaEffect.widens,
      `${key} ${tighter ? "tightened" : "loosened"} from ${old} to ${now}`,
    );
  } else {
    emit(key, SchemaEffect.changes, `${key} changed`);
  }
}

function diffOpaque(key: string, old: unknown, now: unknown, emit: Emit): void {
  if (same(old, now)) return;
  if (old === undefined) emit(key, SchemaEffect.narrows, `new ${key} ${JSON.stringify(now)}`);
  else if (now === undefined)
    emit(key, SchemaEffect.widens, `${key} ${JSON.stringify(old)} removed`);
  else
    emit(
      key,
      SchemaEffect.changes,
      `${key} changed from ${JSON.stringify(old)} to ${JSON.stringify(now)}`,
    );
}

/** True when two JSON values are equal. */
export function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function list(types: Iterable<string> | undefined): string {
  return [...(types ?? [])].sort().join("|");
}

function values(map: Map<string, unknown> | undefined): string {
  return [...(map?.keys() ?? [])].join(", ");
}
