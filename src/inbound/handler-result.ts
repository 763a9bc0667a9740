/**
 * What a request handler returned: a promise of its result (awaited before anything is sent), or
 * the response itself, which must be a plain object and, when contracts are validated, match the
 * request type's response contract. (A streaming handler's async generator is in
 * `../wire/stream-protocol.ts`.)
 */

import { ErrorCode, ParleyError } from "../errors/parley-error.js";
import { validationError } from "../errors/validation-error.js";
import type { RequestContract } from "../wire/contracts.js";
import type { JsonObject } from "../wire/envelope.js";

/** True for a promise or any other object with a `then` method. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as PromiseLike<unknown>).then === "function"
  );
}

/**
 * The handler's result as the response payload; throws (`handler_failed` for a result that is not
 * an object, `invalid_response` for one the contract refuses) when it cannot be sent.
 */
export function checkedResponse(
  result: unknown,
  requestType: string,
  contract: RequestContract | undefined,
): JsonObject {
  if (typeof result !== "object" || result === null || Array.isArray(result)) {
    const got = Array.isArray(result) ? "an array" : typeof result;
    throw new ParleyError(
      ErrorCode.handler_failed,
      `handler for "${requestType}" returned ${got}, not an object`,
    );
  }
  const issues = contract?.validateResponse(result) ?? [];
  if (issues.length > 0)
    throw validationError(ErrorCode.invalid_response, `response for "${requestType}"`, issues);
  return result as JsonObject;
}
