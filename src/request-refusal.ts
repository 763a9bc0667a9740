/**
 * The checks a request must pass before it is sent: the agent is connected, the caller has not
 * aborted already, the pending limit is not reached, and the payload meets its contract.
 */
import type { AgentCore } from "./agent-core.js";
import type { RequestContract } from "./contracts.js";
import type { JsonObject } from "./envelope.js";
import { ErrorCode, ParleyError } from "./errors.js";
import type { RequestOptions } from "./handler-context.js";
import { validationError } from "./validation-error.js";

/** Why a request cannot be sent at all, or undefined. */
export function requestRefusal(
  core: AgentCore,
  pendingCount: number,
  requestType: string,
  payload: JsonObject,
  options: RequestOptions,
  contract: RequestContract | undefined,
): ParleyError | undefined {
  if (!core.isOpen()) {
    return new ParleyError(
      core.isClosed() ? ErrorCode.closed : ErrorCode.unavailable,
      `agent "${core.id}" is not connected`,
    );
  }
  if (options.signal?.aborted) {
    return new ParleyError(
      ErrorCode.cancelled,
      `request "${requestType}" was aborted before it was sent`,
      { cause: options.signal.reason },
    );
  }
  if (pendingCount >= core.options.maxPendingRequests) {
    return new ParleyError(
      ErrorCode.overloaded,
      `agent "${core.id}" has ${pendingCount} requests pending (the limit)`,
    );
  }
  const issues = contract?.validateRequest(payload) ?? [];
  return issues.length > 0
    ? validationError(ErrorCode.invalid_request, `request for "${requestType}"`, issues)
    : undefined;
}
