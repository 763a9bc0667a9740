/**
 * What a benchmarked stack (Parley, a raw client, Moleculer) provides: a responder that echoes the
 * body, and a requester whose `call()` makes one request and resolves with the reply.
 */

import { BODY, ECHO } from "../echo-contract.js";

/** Where and how a stack connects; plain JSON, because it travels to child processes. */
export interface StackParams {
  /** Broker URL, or the responder's own endpoint where there is no broker (raw `ws`). */
  readonly url: string;
  /** Unique per run, so ids and topics of earlier rounds never collide. */
  readonly runId: string;
  /** MQTT: protocol version and QoS of requests and responses. */
  readonly protocolVersion?: 5 | 4;
  readonly qos?: 0 | 1;
  /** Parley: validate requests and responses against the echo contract. */
  readonly validate?: boolean;
  /** Raw mqtt.js: false leaves Nagle's algorithm on its socket, as mqtt.js does. @default true */
  readonly clientNoDelay?: boolean;
  /** nats.js: `noAsyncTraces` connection option. */
  readonly noAsyncTraces?: boolean;
  /** Parley: every agent instrumented by `openTelemetry()`, with no OpenTelemetry SDK registered. */
  readonly openTelemetry?: boolean;
}

/** The ids of a run's requester and responder agents (Parley's, and the JSON floor's envelopes). */
export function agentIds(params: Pick<StackParams, "runId">): {
  readonly requester: string;
  readonly responder: string;
} {
  return { requester: `requester-${params.runId}`, responder: `responder-${params.runId}` };
}

/** The echo's request as Parley writes it: the seed's envelope, the request type in its payload. */
export function echoRequestEnvelope(
  params: Pick<StackParams, "runId">,
  id: string,
  timestamp: string,
  expiresAt: string,
) {
  const { requester, responder } = agentIds(params);
  return {
    id,
    sender_id: requester,
    recipient_id: responder,
    message_type: "request",
    priority: 2,
    timestamp,
    payload: { request_type: ECHO, ...BODY },
    correlation_id: id,
    expires_at: expiresAt,
  };
}

/** A running echo responder. */
export interface Responder {
  /** Set when requesters connect to the responder itself rather than to a broker. */
  readonly endpoint?: string;
  close(): Promise<void>;
}

/** A connected requester. */
export interface Requester {
  call(): Promise<unknown>;
  close(): Promise<void>;
}

/** One benchmarked stack. Without `startResponder`, the requester serves itself (in-process). */
export interface Stack {
  startResponder?(params: StackParams): Promise<Responder>;
  startRequester(params: StackParams): Promise<Requester>;
}
