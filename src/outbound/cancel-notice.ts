/**
 * The notice a caller sends when it gives up on a request: an `error` with code `cancelled` and
 * the request's correlation id (see `../wire/stream-protocol.ts`), so the recipient can stop the handler.
 */
import type { AgentContext } from "../agent/context.js";
import { errorPayload } from "../errors/error-payload.js";
import { ErrorCode, ParleyError } from "../errors/parley-error.js";
import { createEnvelope, type Envelope, MessageType } from "../wire/envelope.js";

/** Tells the recipient the caller gave up, so it can stop the handler. */
export function sendCancelNotice(ctx: AgentContext, request: Envelope): void {
  const requestType = String(request.payload.request_type);
  const cancel = createEnvelope({
    sender_id: ctx.id,
    recipient_id: request.recipient_id,
    message_type: MessageType.error,
    priority: request.priority,
    payload: errorPayload(
      new ParleyError(ErrorCode.cancelled, "the caller cancelled the request"),
      requestType,
    ),
    correlation_id: request.correlation_id,
  });
  ctx.sendQuietly(cancel, "response");
}
