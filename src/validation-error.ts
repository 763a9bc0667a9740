/** Turns contract validation issues into the typed error that travels to the other side. */
import type { ValidationIssue } from "./contracts.js";
import { type ErrorCode, ParleyError } from "./errors.js";

/** `invalid_request` / `invalid_response` error naming the first issue and listing all of them. */
export function validationError(
  code: Extract<ErrorCode, "invalid_request" | "invalid_response">,
  what: string,
  issues: readonly ValidationIssue[],
): ParleyError {
  const first = issues[0];
  const where = first?.instancePath || "/";
  return new ParleyError(code, `${what} is invalid: ${where} ${first?.message ?? ""}`.trim(), {
    details: { errors: issues.map((i) => ({ ...i })) },
  });
}
