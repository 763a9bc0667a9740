/**
 * A final reply kept as the bytes that were sent, to answer a duplicate of its request again.
 * Bytes, not the handler's result: they are within maxMessageBytes and cost their length (a
 * result object can cost many times its encoded size in heap, a deeply nested array hundreds of
 * times), and answering again needs no second JSON encoding of the payload.
 *
 * The answer to a duplicate is a new message (a fresh id and timestamp, so a caller's replay
 * guard takes it), with the cached bytes from `"payload":` on: the payload, the correlation id
 * and `expires_at` are the same.
 */
import type { Envelope } from "../wire/envelope.js";
import { encodeEnvelope } from "../wire/envelope.js";

/** `"payload":` in UTF-8. */
const PAYLOAD_KEY = new TextEncoder().encode('"payload":');

/**
 * Where the envelope's `"payload":` key starts in bytes encoded in the seed's key order. The
 * values before it are JSON strings and numbers, in which a `"` is always escaped: the first
 * match is the key. -1 when it is not there.
 */
export function payloadKeyAt(bytes: Uint8Array): number {
  const first = PAYLOAD_KEY[0] as number;
  const last = bytes.length - PAYLOAD_KEY.length;
  outer: for (
    let i = bytes.indexOf(first);
    i !== -1 && i <= last;
    i = bytes.indexOf(first, i + 1)
  ) {
    for (let j = 1; j < PAYLOAD_KEY.length; j++)
      if (bytes[i + j] !== PAYLOAD_KEY[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * The bytes of a reply with `head`'s id, sender, recipient, type, priority and timestamp, and
 * `cached`'s payload, correlation id and `expires_at`; undefined when `cached` is not an envelope
 * this agent encoded.
 */
export function replyAgain(cached: Uint8Array, head: Envelope): Uint8Array | undefined {
  const at = payloadKeyAt(cached);
  if (at < 0) return undefined;
  // The head encoded on its own, with an empty payload that is then swapped for the cached one.
  const headBytes = encodeEnvelope({ ...head, payload: {} });
  const headEnd = payloadKeyAt(headBytes);
  if (headEnd < 0) return undefined;
  const bytes = new Uint8Array(headEnd + cached.length - at);
  bytes.set(headBytes.subarray(0, headEnd));
  bytes.set(cached.subarray(at), headEnd);
  return bytes;
}

/**
 * The bytes of `head` with `payload` (JSON bytes encoded before) as its payload: an answer
 * computed once (the contract documents) costs no JSON encoding per request. Undefined when
 * `head` does not encode in the seed's key order.
 */
export function withEncodedPayload(head: Envelope, payload: Uint8Array): Uint8Array | undefined {
  const headBytes = encodeEnvelope({ ...head, payload: {} });
  const at = payloadKeyAt(headBytes);
  if (at < 0) return undefined;
  const start = at + PAYLOAD_KEY.length;
  const emptyObject = 2; // `{}`
  const bytes = new Uint8Array(headBytes.length - emptyObject + payload.length);
  bytes.set(headBytes.subarray(0, start));
  bytes.set(payload, start);
  bytes.set(headBytes.subarray(start + emptyObject), start + payload.length);
  return bytes;
}
