/**
 * Pending requests published again after a reconnect: the broker may have lost a request, or its
 * response, with the connection.
 */
import { isTransportRefused } from "../../transports/transport-refused-error.js";
import type { AgentContext } from "../agent/context.js";
import { ErrorCode, ParleyError } from "../errors/parley-error.js";
import { isExpired, isoTimestamp } from "../wire/envelope.js";
import type { PendingRequests } from "./pending-requests.js";

/**
 * Publishes every unexpired pending request again; returns how many. Same correlation id (a
 * Parley responder runs it at most once and answers a repeat from its response cache), fresh
 * message id and timestamp (so a replay guard accepts it). A publish lost with the connection
 * leaves the request to the next reconnect (or its timeout); one the broker refused (a full hub)
 * fails it now, as unavailable.
 */
export function resendPending(ctx: AgentContext, pending: PendingRequests): number {
  const now = Date.now();
  let resent = 0;
  for (const { envelope, stream, metadata } of pending.values()) {
    stream?.restartWait();
    if (!envelope || isExpired(envelope, now)) continue;
    const again = { ...envelope, id: crypto.randomUUID(), timestamp: isoTimestamp(new Date(now)) };
    ctx.send(again, "request", metadata && { metadata }).catch((error: unknown) => {
      if (!isTransportRefused(error)) return;
      const refused = ParleyError.from(error, ErrorCode.unavailable);
      pending.reject(envelope.correlation_id ?? envelope.id, refused);
    });
    resent++;
  }
  return resent;
}
