/**
 * Bytes from the wire to a checked {@link Envelope}. Everything here is untrusted input: each
 * failure is a `ParleyError` (`payload_too_large` or `malformed_message`), never a crash.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import envelopeSchema from "../schemas/envelope.schema.json" with { type: "json" };
import { isDateTime } from "./date-time-format.js";
import type { Envelope } from "./envelope.js";
import { ErrorCode, ParleyError } from "./errors.js";

const ajv = new Ajv2020({ allErrors: false, strict: true });
ajv.addFormat("date-time", { type: "string", validate: isDateTime });
const validateEnvelope = ajv.compile<Envelope>(envelopeSchema);

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
    return fail(
      ErrorCode.payload_too_large,
      `message of ${bytes.byteLength} bytes exceeds the limit of ${maxBytes}`,
      {
        size: bytes.byteLength,
        limit: maxBytes,
      },
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(decoder.decode(bytes));
  } catch (cause) {
    return fail(ErrorCode.malformed_message, "message is not UTF-8 JSON", {}, cause);
  }
  if (!validateEnvelope(data)) {
    const first = validateEnvelope.errors?.[0];
    const where = first?.instancePath || "/";
    const detail =
      first?.params && "additionalProperty" in first.params
        ? `${first.message} "${String(first.params.additionalProperty)}"`
        : (first?.message ?? "invalid");
    return {
      ok: false,
      error: new ParleyError(
        ErrorCode.malformed_message,
        `not a valid envelope: ${where} ${detail}`,
        {
          details: { errors: validateEnvelope.errors ?? [] },
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

function fail(
  code: ErrorCode,
  message: string,
  details: Record<string, unknown>,
  cause?: unknown,
): DecodeResult {
  return { ok: false, error: new ParleyError(code, message, { details, cause }), partial: {} };
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
