/**
 * What one change to a schema does to the set of values it accepts, and whether that breaks the
 * side that relies on it. Which way is harmful depends on who holds the old schema: a request
 * schema breaks old callers when it accepts less; a response schema when it may return more.
 */

/** What a change does to the set of accepted values. */
export const SchemaEffect = {
  /** Accepts fewer values than before. */
  narrows: "narrows",
  /** Accepts more values than before. */
  widens: "widens",
  /** Accepts some values it refused and refuses some it accepted (or cannot tell which). */
  changes: "changes",
  /** The accepted values are the same (documentation), or the change is safe by convention. */
  neutral: "neutral",
} as const;
export type SchemaEffect = (typeof SchemaEffect)[keyof typeof SchemaEffect];

/** The role a schema plays in a contract, which decides which direction breaks. */
export const SchemaRole = {
  /** What callers send and handlers accept. */
  request: "request",
  /** What handlers return and callers accept. */
  response: "response",
  /** A broadcast's payload: old senders and old listeners both rely on it. */
  payload: "payload",
} as const;
export type SchemaRole = (typeof SchemaRole)[keyof typeof SchemaRole];

/** One difference between two versions of a schema. */
export interface SchemaChange {
  /** JSON pointer in the contract file, `$ref`s followed (`/request/properties/to/enum`). */
  readonly path: string;
  readonly effect: SchemaEffect;
  /** What changed, in words (`new required field "to"`). */
  readonly what: string;
  /** Why a neutral change is safe, when that is not plain. */
  readonly why?: string;
}

/** True when a change with `effect` breaks old users of a schema in `role`. */
export function breaksRole(effect: SchemaEffect, role: SchemaRole): boolean {
  switch (effect) {
    case SchemaEffect.neutral:
      return false;
    case SchemaEffect.changes:
      return true;
    case SchemaEffect.narrows:
      return role !== SchemaRole.response;
    case SchemaEffect.widens:
      return role !== SchemaRole.request;
  }
}

/** Why a change with `effect` does or does not break old users of a schema in `role`. */
export function effectReason(effect: SchemaEffect, role: SchemaRole): string {
  if (effect === SchemaEffect.neutral) return "accepts the same values";
  const narrowsRequest = "an old caller's request may now be refused";
  const widensResponse = "an old caller may now receive what it did not expect";
  switch (role) {
    case SchemaRole.request:
      if (effect === SchemaEffect.widens) return "the handler accepts more than before";
      return narrowsRequest;
    case SchemaRole.response:
      if (effect === SchemaEffect.narrows) return "the handler returns less variety than before";
      return widensResponse;
    case SchemaRole.payload:
      return effect === SchemaEffect.narrows
        ? "an old sender's broadcast may now be refused"
        : "an old listener may now receive what it did not expect";
  }
}

/** The effect of the opposite change (inside `not`, narrowing the subschema widens the whole). */
export function invertEffect(effect: SchemaEffect): SchemaEffect {
  if (effect === SchemaEffect.narrows) return SchemaEffect.widens;
  if (effect === SchemaEffect.widens) return SchemaEffect.narrows;
  return effect;
}
