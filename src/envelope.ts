/**
 * The wire envelope: the seed protocol's nine snake_case keys, no more. `schemas/envelope.schema.json`
 * is its contract; this module builds, encodes and decodes it.
 */

/** The kinds of message on the wire; also the last level of an address. */
export const MessageType = {
  request: "request",
  response: "response",
  broadcast: "broadcast",
  heartbeat: "heartbeat",
  error: "error",
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** Message priority, as in the seed: 1 low .. 4 urgent. */
export const Priority = { low: 1, normal: 2, high: 3, urgent: 4 } as const;
export type Priority = (typeof Priority)[keyof typeof Priority];

/** A JSON object. */
export type JsonObject = { [key: string]: unknown };

/** One message on the wire. */
export interface Envelope {
  id: string;
  sender_id: string;
  recipient_id: string | null;
  message_type: MessageType;
  priority: Priority;
  timestamp: string;
  payload: JsonObject;
  correlation_id: string | null;
  expires_at: string | null;
}

/** Fields needed to build an envelope; the rest get fresh values. */
export interface EnvelopeInit {
  sender_id: string;
  recipient_id: string | null;
  message_type: MessageType;
  payload: JsonObject;
  priority?: Priority;
  correlation_id?: string | null;
  expires_at?: Date | null;
  /** Defaults to now. */
  now?: Date;
}

/**
 * An ISO 8601 instant with an explicit `+00:00` offset. Python before 3.11 rejects the `Z` that
 * `Date.toISOString()` writes, and seed agents compare timestamps with aware datetimes.
 */
export function isoTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, -1)}+00:00`;
}

/** Builds an envelope with a fresh id and timestamp; always all nine keys, in the seed's order. */
export function createEnvelope(init: EnvelopeInit): Envelope {
  return {
    id: crypto.randomUUID(),
    sender_id: init.sender_id,
    recipient_id: init.recipient_id,
    message_type: init.message_type,
    priority: init.priority ?? Priority.normal,
    timestamp: isoTimestamp(init.now ?? new Date()),
    payload: init.payload,
    correlation_id: init.correlation_id ?? null,
    expires_at: init.expires_at ? isoTimestamp(init.expires_at) : null,
  };
}

const encoder = new TextEncoder();

/** Envelope to UTF-8 JSON bytes. */
export function encodeEnvelope(envelope: Envelope): Uint8Array {
  return encoder.encode(JSON.stringify(envelope));
}

/** True when the envelope's `expires_at` is set and before `now`. */
export function isExpired(envelope: Envelope, now: number = Date.now()): boolean {
  if (envelope.expires_at === null) return false;
  return Date.parse(envelope.expires_at) < now;
}
