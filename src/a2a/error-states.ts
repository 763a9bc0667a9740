/**
 * Parley error codes as A2A task states: the one table docs/a2a.md shows. Errors found before a
 * task exists (no such skill, no data part, a request that fails its contract, an agent that is
 * not online) are JSON-RPC errors instead (`gateway-request-handler.ts`). A failed task's status
 * message carries the Parley error as a data part `{ code, message, details }` and as one line of
 * text, so both programs and people can read it.
 */
import type { Message, TaskState } from "@a2a-js/sdk";
import { ErrorCode, type ParleyError } from "../errors/parley-error.js";
import { dataPart, message, ROLE_AGENT, State, type TaskIds, textPart } from "./a2a-values.js";

/**
 * The task state each Parley error code ends a task in. REJECTED: the agent refused the work
 * before doing it. CANCELED: the caller cancelled. FAILED: the work was tried and did not finish.
 */
export const TASK_STATE_BY_ERROR_CODE: Readonly<
  Record<ErrorCode, "rejected" | "canceled" | "failed">
> = {
  [ErrorCode.unknown_request_type]: "rejected",
  [ErrorCode.invalid_request]: "rejected",
  [ErrorCode.unauthorized]: "rejected",
  [ErrorCode.overloaded]: "rejected",
  [ErrorCode.payload_too_large]: "rejected",
  [ErrorCode.malformed_message]: "rejected",
  [ErrorCode.replayed]: "rejected",
  [ErrorCode.incompatible_contract]: "rejected",
  [ErrorCode.cancelled]: "canceled",
  [ErrorCode.timeout]: "failed",
  [ErrorCode.expired]: "failed",
  [ErrorCode.unavailable]: "failed",
  [ErrorCode.circuit_open]: "failed",
  [ErrorCode.closed]: "failed",
  [ErrorCode.handler_failed]: "failed",
  [ErrorCode.remote_error]: "failed",
  [ErrorCode.invalid_response]: "failed",
  [ErrorCode.stream_incomplete]: "failed",
};

/** The state a task ends in for `error`. */
export function taskStateFor(error: ParleyError): TaskState {
  const outcome = TASK_STATE_BY_ERROR_CODE[error.code];
  return outcome === "rejected"
    ? State.rejected
    : outcome === "canceled"
      ? State.canceled
      : State.failed;
}

/** The status message of a task that ended with `error`. */
export function errorStatusMessage(ids: TaskIds, error: ParleyError): Message {
  const body = { code: error.code, message: error.message, details: error.details };
  return message(ROLE_AGENT, [dataPart(body), textPart(`${error.code}: ${error.message}`)], ids);
}
