/** Hand-built wire messages, as a seed agent or a hostile client would send them. */
import type { Envelope } from "../../src/index.js";

let counter = 0;

/** A complete, valid envelope with the given fields overridden, its keys in the seed's order. */
export function rawEnvelope(
  fields: Partial<Envelope> & Pick<Envelope, "sender_id" | "message_type">,
): Envelope {
  counter++;
  const defaults: Envelope = {
    id: `raw-${counter}`,
    sender_id: fields.sender_id,
    recipient_id: null,
    message_type: fields.message_type,
    priority: 2,
    timestamp: "2026-01-01T00:00:00.000000+00:00",
    payload: {},
    correlation_id: null,
    expires_at: null,
  };
  return { ...defaults, ...fields };
}

export function bytesOf(value: unknown): Uint8Array {
  return new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value));
}
