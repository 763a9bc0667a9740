/**
 * Application errors: the codes a contract declares under `errors` (e.g. `unsupported_task_type`).
 * They travel as the error reply's `code`; the caller, for whom they are outside Parley's closed
 * set, gets a `remote_error` whose `details.remote_code` is the application's code.
 */
import { ErrorCode, ParleyError } from "./parley-error.js";

/** Marks the application code in a ParleyError's details. */
export const APPLICATION_CODE = "application_code";

/** An error a handler throws to report one of its contract's application error codes. */
export function applicationError(
  code: string,
  message: string,
  details: Record<string, unknown> = {},
): ParleyError {
  return new ParleyError(ErrorCode.handler_failed, message, {
    details: { ...details, [APPLICATION_CODE]: code },
  });
}

/** The code to put on the wire for an error: its application code when it has one. */
export function wireCode(error: ParleyError): string {
  const code = error.details[APPLICATION_CODE];
  return typeof code === "string" ? code : error.code;
}
