/**
 * Span names and attributes, after the OpenTelemetry messaging semantic conventions
 * (docs/observability.md lists them). Parley's own attributes are under `parley.`. Plain strings:
 * this module must not load `@opentelemetry/api`, which is only imported when tracing is on.
 */
import { ErrorCode, isParleyError } from "../errors/parley-error.js";
import type { InboundCall, OutboundCall } from "../inbound/handler-context.js";
import { addressFor } from "../wire/addresses.js";
import { MessageType } from "../wire/envelope.js";

/** The attribute names Parley sets on spans and metrics. */
export const ParleyAttribute = {
  /** The transport's name (`mqtt`, `nats`, `websocket`, `memory`): none is a listed value. */
  system: "messaging.system",
  operationName: "messaging.operation.name",
  operationType: "messaging.operation.type",
  /** The address: `a2a/{recipient}/request`, or `a2a/broadcast/broadcast`. */
  destination: "messaging.destination.name",
  /** The address with the agent left out: `a2a/{agent_id}/request`. */
  destinationTemplate: "messaging.destination.template",
  messageId: "messaging.message.id",
  /** The envelope's `correlation_id`. */
  conversationId: "messaging.message.conversation_id",
  /** The error code of a failed call (`timeout`, `handler_failed`...). */
  errorType: "error.type",
  /** The agent that recorded the span or metric. */
  agent: "parley.agent",
  sender: "parley.sender_id",
  recipient: "parley.recipient_id",
  requestType: "parley.request_type",
  broadcastType: "parley.broadcast_type",
  /** 1, then 2, 3... for the attempts of a retried request. */
  attempt: "parley.attempt",
  /** `ok`, or the error code: the outcome a duration metric is split by. */
  outcome: "parley.outcome",
} as const;

const A = ParleyAttribute;

export type Attributes = Record<string, string | number | boolean>;

const REQUEST_TEMPLATE = "a2a/{agent_id}/request";
const BROADCAST_ADDRESS = addressFor(null, MessageType.broadcast);

/** `send lookup`, `process lookup`: the operation, then the request or broadcast type. */
export function spanName(operation: "send" | "process", type: string): string {
  return `${operation} ${type}`;
}

/**
 * The `error.type` of a failure: Parley's error code. Anything else a handler throws goes back
 * as `handler_failed`; anything else on the caller's side is `_OTHER`, as the conventions say.
 */
export function errorTypeOf(error: unknown, inbound = false): string {
  if (isParleyError(error)) return error.code;
  return inbound ? ErrorCode.handler_failed : "_OTHER";
}

function destination(attributes: Attributes, recipient: string | null): void {
  if (recipient === null) {
    attributes[A.destination] = BROADCAST_ADDRESS;
    attributes[A.destinationTemplate] = BROADCAST_ADDRESS;
  } else {
    attributes[A.destination] = addressFor(recipient, MessageType.request);
    attributes[A.destinationTemplate] = REQUEST_TEMPLATE;
  }
}

/** A caller's span: the call as it leaves (the target an interceptor set, its attempt). */
export function outboundAttributes(call: OutboundCall): Attributes {
  const broadcast = call.kind === "broadcast";
  const attributes: Attributes = {
    [A.system]: call.transport,
    [A.operationName]: "send",
    [A.operationType]: "send",
    [A.agent]: call.from,
    [A.sender]: call.from,
    [broadcast ? A.broadcastType : A.requestType]: call.type,
  };
  destination(attributes, broadcast ? null : call.to);
  if (call.to !== null && !broadcast) attributes[A.recipient] = call.to;
  if (call.attempt > 1) attributes[A.attempt] = call.attempt;
  return attributes;
}

/** A handler's (or broadcast listener's) span: the message as it arrived. */
export function inboundAttributes(call: InboundCall): Attributes {
  const { message } = call;
  const broadcast = call.kind === "broadcast";
  const attributes: Attributes = {
    [A.system]: call.transport,
    [A.operationName]: "process",
    [A.operationType]: "process",
    [A.agent]: call.agent,
    [A.sender]: call.sender,
    [broadcast ? A.broadcastType : A.requestType]: call.type,
    [A.messageId]: message.id,
  };
  destination(attributes, broadcast ? null : (message.recipient_id ?? call.agent));
  if (!broadcast) attributes[A.recipient] = message.recipient_id ?? call.agent;
  if (message.correlation_id !== null) attributes[A.conversationId] = message.correlation_id;
  return attributes;
}

/** What a duration metric is split by: who, over what, which type, and how it ended. */
export function metricAttributes(
  agent: string,
  transport: string,
  type: string,
  /** `ok`, or the error type. */
  outcome: string,
): Attributes {
  const attributes: Attributes = {
    [A.agent]: agent,
    [A.system]: transport,
    [A.requestType]: type,
    [A.outcome]: outcome,
  };
  if (outcome !== "ok") attributes[A.errorType] = outcome;
  return attributes;
}
