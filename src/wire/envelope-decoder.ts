/**
 * Bytes from the wire to a checked {@link Envelope}. Everything here is untrusted input: each
 * failure is a `ParleyError` (`payload_too_large` or `malformed_message`), never a crash.
 */

import { ErrorCode, ParleyError } from "../errors/parley-error.js";
// Generated ahead of time from schemas/envelope.schema.json: no ajv and no `new Function` at run
// time, so an agent runs in a page whose Content-Security-Policy forbids `unsafe-eval`.
import { validateEnvelope } from "../generated/envelope-validator.js";
import type { Envelope } from "./envelope.js";
import { hasEnvelopeShape } from "./envelope-shape.js";
import { MAX_QUOTED_ITEMS, quoted, quotedValue } from "./sender-input.js";

const decoder = new TextDecoder("utf-8", { fatal: true });

/** The default limit on one message's size. */
export const DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;

/** What went wrong, for the sender and the local `message:rejected` event. */
export interface DecodeFailure {
  readonly error: ParleyError;
  /** Best-effort fields of the broken message, so a request can still be answered. */
  readonly partial: Partial<Pick<Envelope, "id" | "sender_id" | "correlation_id" | "message_type">>;
}

export type DecodeResult =
  | { readonly ok: true; readonly envelope: Envelope }
  | ({ readonly ok: false } & DecodeFailure);

/** Decodes and checks one message. Never throws. */
export function decodeEnvelope(
  bytes: Uint8Array,
  maxBytes: number = DEFAULT_MAX_MESSAGE_BYTES,
): DecodeResult {
  if (bytes.byteLength > maxBytes) {
    return {
      ok: false,
      error: new ParleyError(
        ErrorCode.payload_too_large,
        `message of ${bytes.byteLength} bytes exceeds the limit of ${maxBytes}`,
        { details: { size: bytes.byteLength, limit: maxBytes } },
      ),
      partial: peek(bytes),
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(decoder.decode(bytes));
  } catch (cause) {
    return fail(ErrorCode.malformed_message, "message is not UTF-8 JSON", {}, cause);
  }
  if (!hasEnvelopeShape(data) && !isEnvelope(data)) {
    const errors = validateEnvelope.errors ?? [];
    const first = errors[0];
    // Paths and key names are the sender's: quoted, so the error reply stays small.
    const where = quoted(first?.instancePath || "/");
    const detail =
      first?.params && "additionalProperty" in first.params
        ? `${first.message} "${quoted(String(first.params.additionalProperty))}"`
        : (first?.message ?? "invalid");
    return {
      ok: false,
      error: new ParleyError(
        ErrorCode.malformed_message,
        `not a valid envelope: ${where} ${detail}`,
        {
          details: { errors: errors.slice(0, MAX_QUOTED_ITEMS).map((e) => quotedValue(e)) },
        },
      ),
      partial: salvage(data),
    };
  }
  // The two keys the seed's dataclass defaults to None may be left out: they mean null.
  if (data.correlation_id === undefined) data.correlation_id = null;
  if (data.expires_at === undefined) data.expires_at = null;
  return { ok: true, envelope: data };
}

function isEnvelope(data: unknown): data is Envelope {
  return validateEnvelope(data);
}

function fail(
  code: ErrorCode,
  message: string,
  details: Record<string, unknown>,
  cause?: unknown,
): DecodeResult {
  return { ok: false, error: new ParleyError(code, message, { details, cause }), partial: {} };
}

/** How far into each end of an oversized message {@link peek} looks. */
const PEEK_BYTES = 1024;
/** Not fatal: a character cut at either end becomes U+FFFD. */
const lenientDecoder = new TextDecoder("utf-8");

/** The string values of top-level-looking `"key": "value"` pairs (escaped quotes never match). */
function stringValues(text: string, key: string): string[] {
  const pattern = new RegExp(`"${key}"\\s*:\\s*(null|"([^"\\\\]{1,256})")`, "g");
  return [...text.matchAll(pattern)].map((m) => m[2] ?? "");
}

/**
 * Who sent an oversized message, without parsing all of it. The seed's key order puts `id`,
 * `sender_id` and `message_type` before the payload and `correlation_id` after it, so the first
 * kilobyte and the last are enough; anything not found there stays unknown.
 */
function peek(bytes: Uint8Array): DecodeFailure["partial"] {
  const head = lenientDecoder.decode(bytes.subarray(0, PEEK_BYTES));
  const tail = lenientDecoder.decode(bytes.subarray(Math.max(0, bytes.byteLength - PEEK_BYTES)));
  const partial: Record<string, string> = {};
  for (const key of ["id", "sender_id", "message_type"] as const) {
    const value = stringValues(head, key)[0];
    if (value) partial[key] = value;
  }
  // The last one: a payload may hold a key of that name, the envelope's own comes after it.
  const correlationId = stringValues(tail, "correlation_id").at(-1);
  if (correlationId) partial.correlation_id = correlationId;
  return partial;
}

/** Pulls string-typed identifying fields out of an object that failed validation. */
function salvage(data: unknown): DecodeFailure["partial"] {
  if (typeof data !== "object" || data === null) return {};
  const record = data as Record<string, unknown>;
  const partial: Record<string, string> = {};
  for (const key of ["id", "sender_id", "correlation_id", "message_type"] as const) {
    const value = record[key];
    if (typeof value === "string" && value.length > 0 && value.length <= 256) partial[key] = value;
  }
  return partial;
}
