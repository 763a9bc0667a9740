/**
 * Stand-ins for the few ajv run-time helpers standalone code `require`s, emitted into the
 * generated validators so they depend on nothing (and stay valid ES modules).
 */
import type { Ajv2020 } from "ajv/dist/2020.js";
import standaloneModule from "ajv/dist/standalone/index.js";

const standaloneCode = standaloneModule.default;

/** ajv's `require(...)` expression -> the name and JavaScript source of its replacement. */
export const VALIDATOR_HELPERS: Readonly<Record<string, { name: string; source: string }>> = {
  'require("ajv/dist/runtime/ucs2length").default': {
    name: "parleyUcs2length",
    source: `/** Length in Unicode code points, as JSON Schema counts string length. */
function parleyUcs2length(str) {
  let length = 0;
  for (let pos = 0; pos < str.length; pos++) {
    length++;
    const code = str.charCodeAt(pos);
    if (code >= 0xd800 && code <= 0xdbff && pos + 1 < str.length) {
      if ((str.charCodeAt(pos + 1) & 0xfc00) === 0xdc00) pos++;
    }
  }
  return length;
}`,
  },
  'require("ajv/dist/runtime/equal").default': {
    name: "parleyEqual",
    source: `/** Deep equality of JSON values (const, enum, uniqueItems). */
function parleyEqual(a, b) {
  if (a === b) return true;
  if (!a || !b || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!parleyEqual(a[i], b[i])) return false;
    return true;
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(b, key) || !parleyEqual(a[key], b[key])) return false;
  }
  return true;
}`,
  },
};

/**
 * Replaces each known `require(...)` in ajv's standalone code with its stand-in; returns the code
 * and the stand-ins' sources. Throws when a `require` is left that Parley cannot replace.
 */
export function replaceRequires(code: string): { code: string; helpers: string[] } {
  let result = code;
  const helpers: string[] = [];
  for (const [expression, helper] of Object.entries(VALIDATOR_HELPERS)) {
    if (!result.includes(expression)) continue;
    result = result.split(expression).join(helper.name);
    helpers.push(helper.source);
  }
  const left = /require\(\s*"([^"]+)"\s*\)/.exec(result);
  if (left) {
    throw new Error(`a schema needs ajv run-time module "${left[1]}", which Parley cannot inline`);
  }
  return { code: result, helpers };
}

/**
 * ajv's standalone code for `refs` (function name -> schema key), as plain module-level
 * functions: no "use strict", no exports (callers export typed names), no `require`.
 */
export function standaloneSource(
  ajv: Ajv2020,
  refs: Record<string, string>,
): { code: string; helpers: string[] } {
  const code = standaloneCode(ajv, refs)
    .replace(/^"use strict";\n?/, "")
    .replace(/(^|;|\n)export const ([A-Za-z0-9_]+) = /g, "$1const $2 = ");
  return replaceRequires(code);
}
