/**
 * The checks a request must pass before it is sent: the agent is connected, the caller has not
 * aborted already, the pending limit is not reached, and the payload meets its contract.
 */
import type { AgentContext } from "../agent/context.js";
import { ErrorCode, ParleyError } from "../errors/parley-error.js";
import { validationError } from "../errors/validation-error.js";
import type { RequestOptions } from "../inbound/handler-context.js";
import type { RequestContract } from "../wire/contracts.js";
import type { JsonObject } from "../wire/envelope.js";

/** Why a request cannot be sent at all, or undefined. */
export function requestRefusal(
  ctx: AgentContext,
  pendingCount: number,
  requestType: string,
  payload: JsonObject,
  options: RequestOptions,
  contract: RequestContract | undefined,
): ParleyError | undefined {
  if (!ctx.open) {
    return new ParleyError(
      ctx.closed ? ErrorCode.closed : ErrorCode.unavailable,
      `agent "${ctx.id}" is not connected`,
    );
  }
  if (options.signal?.aborted) {
    return new ParleyError(
      ErrorCode.cancelled,
      `request "${requestType}" was aborted before it was sent`,
      { cause: options.signal.reason },
    );
  }
  if (pendingCount >= ctx.options.maxPendingRequests) {
    return new ParleyError(
      ErrorCode.overloaded,
      `agent "${ctx.id}" has ${pendingCount} requests pending (the limit)`,
    );
  }
  const issues = contract?.validateRequest(payload) ?? [];
  return issues.length > 0
    ? validationError(ErrorCode.invalid_request, `request for "${requestType}"`, issues)
    : undefined;
}
