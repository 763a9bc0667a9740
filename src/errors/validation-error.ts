/** Turns contract validation issues into the typed error that travels to the other side. */
import type { ValidationIssue } from "../wire/contracts.js";
import { MAX_QUOTED_ITEMS, quoted, quotedValue } from "../wire/sender-input.js";
import { type ErrorCode, ParleyError } from "./parley-error.js";

/**
 * `invalid_request` / `invalid_response` error naming the first issue and listing the first few
 * (when there are more, `details.error_count` says how many). Paths and values come from the sender's
 * payload: they are {@link quoted}, so the error reply stays small.
 */
export function validationError(
  code: Extract<ErrorCode, "invalid_request" | "invalid_response">,
  what: string,
  issues: readonly ValidationIssue[],
): ParleyError {
  const first = issues[0];
  const where = quoted(first?.instancePath || "/");
  const message = quoted(first?.message ?? "");
  return new ParleyError(code, `${quoted(what)} is invalid: ${where} ${message}`.trim(), {
    details:
      issues.length > MAX_QUOTED_ITEMS
        ? { errors: listed(issues), error_count: issues.length }
        : { errors: listed(issues) },
  });
}

function listed(issues: readonly ValidationIssue[]): unknown[] {
  return issues.slice(0, MAX_QUOTED_ITEMS).map((issue) => quotedValue(issue));
}
