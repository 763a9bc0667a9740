/**
 * The checks a request must pass before it is sent: the agent is connected, the caller has not
 * aborted already, the pending limit is not reached, the agent called serves a compatible version
 * of the contract (as far as its card says), and the payload meets its contract.
 */
import type { AgentContext } from "../agent/context.js";
import { incompatibleContractError } from "../errors/contract-version-error.js";
import { ErrorCode, ParleyError } from "../errors/parley-error.js";
import { validationError } from "../errors/validation-error.js";
import type { RequestOptions } from "../inbound/handler-context.js";
import type { AgentInfo } from "../presence/directory.js";
import { versionsConflict } from "../wire/contract-version.js";
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
  recipient: AgentInfo | undefined,
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
  const ours = options.contractVersion ?? ctx.options.contracts?.requests[requestType]?.version;
  const theirs = recipient?.contractVersions[requestType];
  if (
    recipient !== undefined &&
    ours !== undefined &&
    theirs !== undefined &&
    options.ignoreContractVersion !== true &&
    versionsConflict(ours, theirs)
  ) {
    return incompatibleContractError(recipient.id, requestType, ours, theirs);
  }
  const issues = contract?.validateRequest(payload) ?? [];
  return issues.length > 0
    ? validationError(ErrorCode.invalid_request, `request for "${requestType}"`, issues)
    : undefined;
}
