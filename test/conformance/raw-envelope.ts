/** Hand-built wire messages, as a seed agent or a hostile client would send them. */
import type { Envelope } from "../../src/index.js";

let counter = 0;

/** A complete, valid envelope with the given fields overridden. */
export function rawEnvelope(
  fields: Partial<Envelope> & Pick<Envelope, "sender_id" | "message_type">,
): Envelope {
  counter++;
  return {
    id: `raw-${counter}`,
    recipient_id: null,
    priority: 2,
    timestamp: "2026-01-01T00:00:00.000000+00:00",
    payload: {},
    correlation_id: null,
    expires_at: null,
    ...fields,
  };
}

export function bytesOf(value: unknown): Uint8Array {
  return new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value));
}
