/**
 * A broadcast on its way out: its payload checked against the broadcast's contract (when the
 * agent validates), then the envelope to everyone (`recipient_id` null, `broadcast_type` first).
 */
import type { ResolvedAgentOptions } from "../agent/resolved-options.js";
import { ErrorCode } from "../errors/parley-error.js";
import { validationError } from "../errors/validation-error.js";
import {
  createEnvelope,
  type Envelope,
  type JsonObject,
  MessageType,
  Priority,
} from "../wire/envelope.js";

/** Options for `Agent.broadcast`. */
export interface BroadcastOptions {
  /** @default Priority.normal */
  readonly priority?: Priority;
}

/** Throws `invalid_request` for a payload that breaks the broadcast's contract. */
export function broadcastEnvelope(
  options: ResolvedAgentOptions,
  broadcastType: string,
  payload: JsonObject,
  priority: Priority = Priority.normal,
): Envelope {
  const contract = options.validate ? options.contracts?.broadcasts[broadcastType] : undefined;
  const issues = contract?.validatePayload(payload) ?? [];
  if (issues.length > 0)
    throw validationError(ErrorCode.invalid_request, `broadcast "${broadcastType}"`, issues);
  return createEnvelope({
    sender_id: options.id,
    recipient_id: null,
    message_type: MessageType.broadcast,
    priority,
    payload: { broadcast_type: broadcastType, ...payload },
  });
}
