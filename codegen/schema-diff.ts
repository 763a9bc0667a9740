/**
 * Compares an old and a new version of a schema, keyword by keyword and subschema by subschema,
 * following `$ref`s into the other files of each set, and lists every difference with what it
 * does to the accepted values ({@link SchemaChange}). Whether that breaks anyone is decided by the
 * schema's role (schema-change.ts).
 */
import { parsePointer, pointerSegment } from "./codegen-error.js";
import { invertEffect, type SchemaChange, SchemaEffect } from "./schema-change.js";
import { diffValueKeywords, same, VALUE_KEYWORDS } from "./schema-diff-keywords.js";
import { isObject, type SchemaObject } from "./schema-walk.js";

/** The schema files of one contract set, by absolute URI, to resolve `$ref`s in. */
export type SchemaFiles = ReadonlyMap<string, SchemaObject>;

/** A schema and the URI of the file it sits in (its `$ref`s resolve against it). */
export interface LocatedSchema {
  readonly schema: unknown;
  readonly uri: string;
}

/** Subschema keywords whose absence means "anything" (the `true` schema). */
const OPEN_WHEN_ABSENT = ["additionalProperties", "items", "propertyNames", "unevaluatedItems"];
/** Subschema keywords whose appearance narrows and whose removal widens. */
const CONSTRAINT_WHEN_PRESENT = ["contains", "unevaluatedProperties"];
/** Subschema keywords whose changes are compared only as a whole (direction unknown). */
const WHOLE = ["if", "then", "else", "dependentSchemas", "patternProperties", "contentSchema"];
const HANDLED = new Set([
  ...VALUE_KEYWORDS,
  ...OPEN_WHEN_ABSENT,
  ...CONSTRAINT_WHEN_PRESENT,
  ...WHOLE,
  "$ref",
  "$defs",
  "definitions",
  "properties",
  "not",
  "allOf",
  "anyOf",
  "oneOf",
  "prefixItems",
]);

/** Compares two schemas; `path` is where the old one sits in its contract file. */
export function diffSchemas(
  before: LocatedSchema,
  after: LocatedSchema,
  path: string,
  oldFiles: SchemaFiles,
  newFiles: SchemaFiles,
): SchemaChange[] {
  const differ = new SchemaDiffer(oldFiles, newFiles);
  differ.diff(before, after, path);
  return differ.changes;
}

class SchemaDiffer {
  readonly changes: SchemaChange[] = [];
  readonly #oldFiles: SchemaFiles;
  readonly #newFiles: SchemaFiles;
  /** Pairs of `$ref` targets already compared: recursive schemas end here. */
  readonly #seen = new Set<string>();

  constructor(oldFiles: SchemaFiles, newFiles: SchemaFiles) {
    this.#oldFiles = oldFiles;
    this.#newFiles = newFiles;
  }

  diff(before: LocatedSchema, after: LocatedSchema, path: string, inverted = false): void {
    const old = this.#resolve(before, this.#oldFiles, path);
    const now = this.#resolve(after, this.#newFiles, path);
    if (old === undefined || now === undefined) return;
    if (old.via !== undefined || now.via !== undefined) {
      const pair = `${old.via ?? ""} ${now.via ?? ""} ${inverted}`;
      if (this.#seen.has(pair)) return;
      this.#seen.add(pair);
    }
    this.#diffResolved(old, now, path, inverted);
  }

  #diffResolved(old: Resolved, now: Resolved, path: string, inverted: boolean): void {
    const emit: Emit = (at, effect, what, why) =>
      this.changes.push({
        path: at,
        effect: inverted ? invertEffect(effect) : effect,
        what: inverted ? `inside "not": ${what}` : what,
        ...(why === undefined ? {} : { why }),
      });
    if (old.schema === false || now.schema === false) {
      if (old.schema === now.schema) return;
      if (old.schema === false)
        emit(path, SchemaEffect.widens, "accepted nothing, now accepts values");
      else emit(path, SchemaEffect.narrows, "now accepts nothing (false)");
      return;
    }
    const a = asObject(old.schema);
    const b = asObject(now.schema);
    for (const c of diffValueKeywords(a, b, path)) emit(c.path, c.effect, c.what, c.why);
    this.#diffProperties(old, now, a, b, path, inverted, emit);
    const child = (key: string, x: unknown, y: unknown, at = `${path}/${key}`, inv = inverted) =>
      this.diff({ schema: x, uri: old.uri }, { schema: y, uri: now.uri }, at, inv);
    for (const key of OPEN_WHEN_ABSENT) {
      if (a[key] !== undefined || b[key] !== undefined) child(key, a[key] ?? true, b[key] ?? true);
    }
    for (const key of CONSTRAINT_WHEN_PRESENT) {
      if (a[key] === undefined && b[key] !== undefined)
        emit(`${path}/${key}`, SchemaEffect.narrows, `new ${key}`);
      else if (a[key] !== undefined && b[key] === undefined)
        emit(`${path}/${key}`, SchemaEffect.widens, `${key} removed`);
      else if (a[key] !== undefined) child(key, a[key], b[key]);
    }
    if (a.not !== undefined || b.not !== undefined)
      child("not", a.not ?? false, b.not ?? false, `${path}/not`, !inverted);
    for (const key of WHOLE) {
      if (!same(a[key], b[key])) emit(`${path}/${key}`, SchemaEffect.changes, `${key} changed`);
    }
    this.#diffList("allOf", a, b, path, SchemaEffect.narrows, old, now, inverted, emit);
    this.#diffList("anyOf", a, b, path, SchemaEffect.widens, old, now, inverted, emit);
    this.#diffList("oneOf", a, b, path, SchemaEffect.widens, old, now, inverted, emit);
    this.#diffList("prefixItems", a, b, path, SchemaEffect.narrows, old, now, inverted, emit);
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!HANDLED.has(key) && !same(a[key], b[key]))
        emit(`${path}/${pointerSegment(key)}`, SchemaEffect.changes, `${key} changed`);
    }
  }

  /**
   * Fields in both versions are compared. A new field is safe by convention when unknown fields
   * were allowed (old callers do not send it, old receivers ignore it); a removed one is safe
   * when unknown fields are still allowed. A field's required-ness is `required`'s business.
   */
  #diffProperties(
    old: Resolved,
    now: Resolved,
    a: SchemaObject,
    b: SchemaObject,
    path: string,
    inverted: boolean,
    emit: Emit,
  ): void {
    const before = isObject(a.properties) ? a.properties : {};
    const after = isObject(b.properties) ? b.properties : {};
    for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const at = `${path}/properties/${pointerSegment(name)}`;
      if (name in before && name in after) {
        this.diff(
          { schema: before[name], uri: old.uri },
          { schema: after[name], uri: now.uri },
          at,
          inverted,
        );
      } else if (name in after) {
        if (a.additionalProperties === false)
          emit(at, SchemaEffect.widens, `new field "${name}" (unknown fields were refused)`);
        else
          emit(
            at,
            SchemaEffect.neutral,
            `new optional field "${name}"`,
            "old senders do not send it; old receivers ignore it",
          );
      } else if (b.additionalProperties === false) {
        emit(at, SchemaEffect.narrows, `field "${name}" removed and unknown fields are refused`);
      } else {
        emit(
          at,
          SchemaEffect.neutral,
          `field "${name}" removed from the schema`,
          "unknown fields are still allowed",
        );
      }
    }
  }

  /**
   * Lists of subschemas: equal entries are matched first, the rest pairwise in order; an entry
   * only in the new list has effect `added` (a new `anyOf` branch widens, a new `allOf` narrows).
   */
  #diffList(
    key: string,
    a: SchemaObject,
    b: SchemaObject,
    path: string,
    added: SchemaEffect,
    old: Resolved,
    now: Resolved,
    inverted: boolean,
    emit: Emit,
  ): void {
    const before = Array.isArray(a[key]) ? (a[key] as unknown[]) : [];
    const after = Array.isArray(b[key]) ? (b[key] as unknown[]) : [];
    const unmatched = after.map((_, i) => i);
    const leftOver: number[] = [];
    before.forEach((entry, i) => {
      const match = unmatched.findIndex((j) => same(after[j], entry));
      if (match >= 0) unmatched.splice(match, 1);
      else leftOver.push(i);
    });
    const pairs = Math.min(leftOver.length, unmatched.length);
    for (let n = 0; n < pairs; n++) {
      const i = leftOver[n] as number;
      const j = unmatched[n] as number;
      this.diff(
        { schema: before[i], uri: old.uri },
        { schema: after[j], uri: now.uri },
        `${path}/${key}/${i}`,
        inverted,
      );
    }
    for (const i of leftOver.slice(pairs))
      emit(`${path}/${key}/${i}`, invertEffect(added), `${key} entry ${i} removed`);
    for (const j of unmatched.slice(pairs))
      emit(`${path}/${key}/${j}`, added, `new ${key} entry ${j}`);
  }

  /**
   * Follows `$ref` (a chain of them too) to the schema it names. Keywords beside a `$ref` apply
   * as well, so they are laid over the target's. An unresolvable `$ref` is reported as a change.
   */
  #resolve(located: LocatedSchema, files: SchemaFiles, path: string): Resolved | undefined {
    let { schema, uri } = located;
    let via: string | undefined;
    for (let hops = 0; isObject(schema) && typeof schema.$ref === "string"; hops++) {
      const target = resolveRef(schema.$ref, uri, files);
      if (target === undefined || hops > 32) {
        const what = `$ref "${schema.$ref}" does not resolve`;
        this.changes.push({ path: `${path}/$ref`, effect: SchemaEffect.changes, what });
        return undefined;
      }
      const { $ref: _ref, ...siblings } = schema;
      via = `${target.uri}#${target.pointer}`;
      schema = isObject(target.schema) ? { ...target.schema, ...siblings } : target.schema;
      uri = target.uri;
    }
    return { schema, uri, via };
  }
}

type Emit = (at: string, effect: SchemaEffect, what: string, why?: string) => void;

interface Resolved {
  readonly schema: unknown;
  readonly uri: string;
  /** The last `$ref` target followed, `uri#pointer`; undefined when there was none. */
  readonly via: string | undefined;
}

/** The schema a `$ref` names, or undefined. */
function resolveRef(
  ref: string,
  base: string,
  files: SchemaFiles,
): { schema: unknown; uri: string; pointer: string } | undefined {
  let url: URL;
  try {
    url = new URL(ref, base);
  } catch {
    return undefined;
  }
  const pointer = decodeURIComponent(url.hash.slice(1));
  url.hash = "";
  let node: unknown = files.get(url.href);
  for (const segment of parsePointer(pointer)) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isObject(node) && Object.hasOwn(node, segment)) node = node[segment];
    else return undefined;
  }
  return node === undefined ? undefined : { schema: node, uri: url.href, pointer };
}

/** `true` (and anything not an object) as the empty schema. */
function asObject(schema: unknown): SchemaObject {
  return isObject(schema) ? schema : {};
}
