/**
 * The errors a request is refused with before (or instead of) its handler's answer: no handler
 * for its type, its deadline passed, or the dispatcher shed it. Each goes back to the caller as an
 * error reply; the codes are the stable wire codes of {@link ErrorCode}.
 */
import type { ShedReason } from "../inbound/dispatcher.js";
import type { Envelope } from "../wire/envelope.js";
import { quoted } from "../wire/sender-input.js";
import { ErrorCode, ParleyError } from "./parley-error.js";

/** No handler is registered for the request's type; `served` lists the types that have one. */
export function unknownRequestTypeError(
  agentId: string,
  requestType: string,
  served: string[],
): ParleyError {
  // The sender chose the type: quoted, so the reply stays small whatever it was.
  const type = quoted(requestType);
  const message = `agent "${agentId}" has no handler for "${type}"`;
  return new ParleyError(ErrorCode.unknown_request_type, message, {
    details: { request_type: type, served },
  });
}

/** The request's deadline passed before its handler answered. */
export function expiredError(envelope: Envelope): ParleyError {
  return new ParleyError(
    ErrorCode.expired,
    `request expired at ${quoted(String(envelope.expires_at))}`,
    {
      details: { expires_at: envelope.expires_at },
    },
  );
}

/** A queued request the dispatcher dropped: the agent closed (`drained`) or its queue was full (in count or bytes). */
export function shedError(
  agentId: string,
  why: ShedReason,
  maxQueue: number,
  maxQueueBytes: number,
): ParleyError {
  return why === "drained"
    ? new ParleyError(
        ErrorCode.unavailable,
        `agent "${agentId}" closed before handling the request`,
      )
    : new ParleyError(ErrorCode.overloaded, `agent "${agentId}" is overloaded; request shed`, {
        details: { max_queue: maxQueue, max_queue_bytes: maxQueueBytes },
      });
}

/** A request that had no response before its deadline. */
export function timeoutError(request: {
  readonly requestType: string;
  readonly to: string;
  readonly timeoutMs: number;
}): ParleyError {
  const { requestType, to, timeoutMs } = request;
  return new ParleyError(
    ErrorCode.timeout,
    `request "${requestType}" to "${to}" timed out after ${timeoutMs} ms`,
    { details: { to, request_type: requestType, timeout_ms: timeoutMs } },
  );
}
