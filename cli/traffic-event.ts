/**
 * What `parley watch` sees: each message on `a2a/#` turned into one event. Requests are
 * remembered by correlation id (a bounded map, so a flood of unanswered requests cannot grow it
 * without limit) so that their responses show the latency and the request type.
 */

import type { Envelope } from "../src/index.js";
import type { InboundMessage, MessageType } from "../src/transport.js";
import { decodeEnvelope } from "../src/transport.js";
import { BoundedCache } from "../src/util/bounded-cache.js";
import { traceIdOf } from "./trace-id.js";

/** Requests remembered for latency, by default (the newest this many; up to twice as many). */
export const DEFAULT_TRACKED_REQUESTS = 10_000;

const PRESENCE_PREFIX = "a2a/_presence/";

/** A decoded message. */
export interface MessageEvent {
  readonly kind: "message";
  readonly time: Date;
  readonly address: string;
  /** A retained message the broker replayed (a presence card), not live traffic. */
  readonly retained: boolean;
  /** A retained presence card (`a2a/_presence/{agent}`). */
  readonly presence: boolean;
  readonly from: string;
  /** The recipient, or null for a broadcast or heartbeat. */
  readonly to: string | null;
  readonly messageType: MessageType;
  /** The request type (also on responses, from their request) or broadcast type. */
  readonly type: string | undefined;
  /** `part N` for a streamed part, `error CODE` for an error reply or cancellation. */
  readonly detail: string | undefined;
  readonly correlationId: string | null;
  /** Milliseconds since its request was seen, for responses, parts and errors. */
  readonly latencyMs: number | undefined;
  /** The W3C trace id from the message's `traceparent` metadata, when it carries one. */
  readonly traceId: string | undefined;
  readonly envelope: Envelope;
}

/** An empty retained presence card: the agent is gone (its Last Will, or a clean close). */
export interface PresenceClearedEvent {
  readonly kind: "presence_cleared";
  readonly time: Date;
  readonly address: string;
  readonly agent: string;
}

/** Bytes that are not a valid envelope. */
export interface MalformedEvent {
  readonly kind: "malformed";
  readonly time: Date;
  readonly address: string;
  readonly reason: string;
  readonly bytes: number;
}

export type TrafficEvent = MessageEvent | PresenceClearedEvent | MalformedEvent;

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function errorCode(payload: Envelope["payload"]): string | undefined {
  const error = payload.error;
  if (error === undefined || error === null) return undefined;
  if (typeof error === "object" && "code" in error) return String(error.code);
  return "remote_error";
}

function streamPart(payload: Envelope["payload"]): number | undefined {
  const part = payload._parley_stream_part;
  if (typeof part !== "object" || part === null || !("seq" in part)) return undefined;
  return typeof part.seq === "number" ? part.seq : undefined;
}

/** Turns deliveries into events, remembering requests to time their answers. */
export class TrafficDecoder {
  readonly #requests: BoundedCache<string, { at: number; type: string | undefined }>;

  constructor(trackedRequests: number = DEFAULT_TRACKED_REQUESTS) {
    this.#requests = new BoundedCache(trackedRequests);
  }

  /** The event for one delivery; `now` is a monotonic clock in ms (performance.now()). */
  decode(message: InboundMessage, now: number, time: Date = new Date()): TrafficEvent {
    const { address, bytes, retained } = message;
    const presence = address.startsWith(PRESENCE_PREFIX);
    if (presence && bytes.byteLength === 0) {
      return {
        kind: "presence_cleared",
        time,
        address,
        agent: address.slice(PRESENCE_PREFIX.length),
      };
    }
    const decoded = decodeEnvelope(bytes);
    if (!decoded.ok) {
      return {
        kind: "malformed",
        time,
        address,
        reason: decoded.error.message,
        bytes: bytes.byteLength,
      };
    }
    const { envelope } = decoded;
    const { payload, correlation_id: correlationId, message_type: messageType } = envelope;
    let type = text(payload.request_type) ?? text(payload.broadcast_type);
    let detail: string | undefined;
    let latencyMs: number | undefined;
    if (messageType === "request" && correlationId !== null && !retained) {
      this.#requests.set(correlationId, { at: now, type });
    } else if ((messageType === "response" || messageType === "error") && correlationId !== null) {
      const request = this.#requests.get(correlationId);
      type ??= request?.type;
      latencyMs = request === undefined ? undefined : now - request.at;
      const seq = messageType === "response" ? streamPart(payload) : undefined;
      const code = errorCode(payload);
      if (seq !== undefined) detail = `part ${seq}`;
      else if (code !== undefined) detail = `error ${code}`;
      // Parts come before the final answer: keep timing until it arrives.
      if (seq === undefined) this.#requests.delete(correlationId);
    }
    return {
      kind: "message",
      time,
      address,
      retained,
      presence,
      from: envelope.sender_id,
      to: envelope.recipient_id,
      messageType,
      type,
      detail,
      correlationId,
      latencyMs,
      traceId: traceIdOf(message.metadata),
      envelope,
    };
  }
}

/** True when any of `filters` is part (case-insensitively) of an agent id or type of the event. */
export function matchesFilters(event: TrafficEvent, filters: readonly string[]): boolean {
  if (filters.length === 0) return true;
  const fields =
    event.kind === "message"
      ? [event.from, event.to, event.messageType, event.type]
      : event.kind === "presence_cleared"
        ? [event.agent]
        : [event.address];
  const haystack = fields
    .filter((f): f is string => typeof f === "string")
    .map((f) => f.toLowerCase());
  return filters.some((filter) => haystack.some((field) => field.includes(filter.toLowerCase())));
}
