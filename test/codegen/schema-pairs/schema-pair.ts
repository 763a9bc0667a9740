/**
 * A row of the table the breaking-change check is tested on, and the helpers that write rows: an
 * old and a new schema, and whether the change breaks old users when the schema is a request, and
 * when it is a response. `path` is where (below `/request` or `/response`) a breaking change must
 * be reported.
 */

export type Schema = Record<string, unknown>;

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
export const field = (s: Schema, extra: Schema = {}): Schema => ({
  type: "object",
  properties: { v: s },
  ...extra,
});
export const str = { type: "string" };
/** Table shorthand: the change breaks old callers (`B`) or not (`OK`) in that direction. */
export const B = true;
export const OK = false;
