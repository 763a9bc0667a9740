/**
 * Parley's one closed set of error codes. The string is what travels on the wire, in an error
 * reply's `payload.error.code`; it never changes meaning.
 */
export const ErrorCode = {
  /** No response arrived before the request's deadline. */
  timeout: "timeout",
  /** The request or response expired (its `expires_at` passed) before it could be handled. */
  expired: "expired",
  /** A seed-style peer answered with `payload.error` as a plain string. */
  remote_error: "remote_error",
  /** The handler threw; the message is the handler's. */
  handler_failed: "handler_failed",
  /** The recipient serves no handler for this `request_type`. */
  unknown_request_type: "unknown_request_type",
  /** The request failed validation against its contract (or was not a valid request at all). */
  invalid_request: "invalid_request",
  /** The response failed validation against its contract. */
  invalid_response: "invalid_response",
  /** Bytes from the wire that are not a valid envelope. */
  malformed_message: "malformed_message",
  /** The message is larger than the configured limit. */
  payload_too_large: "payload_too_large",
  /** The recipient's queue is full; lowest priority work is shed first. */
  overloaded: "overloaded",
  /** No connection, or no capable agent, to carry the request (or the recipient closed before answering it). */
  unavailable: "unavailable",
  /** The caller aborted the request (its `AbortSignal`). */
  cancelled: "cancelled",
  /** This agent was closed while its request was pending. */
  closed: "closed",
  /** The sender is not allowed to send this (signature, trust, ACL). */
  unauthorized: "unauthorized",
  /** A message that was seen before (replay protection). */
  replayed: "replayed",
  /** A streamed response lost parts on the way: the stream ends with this, not with a gap. */
  stream_incomplete: "stream_incomplete",
  /** The caller's circuit breaker for the target is open: the request was not sent. */
  circuit_open: "circuit_open",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const codes = new Set<string>(Object.values(ErrorCode));

/** True when `value` is one of Parley's error codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && codes.has(value);
}

/** Options for {@link ParleyError}. */
export interface ParleyErrorOptions extends ErrorOptions {
  /** Structured, JSON-serialisable detail (validation errors, limits, the remote agent id). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Every error Parley raises or receives. Recognise it by `code` (or `name === "ParleyError"`). */
export class ParleyError extends Error {
  override readonly name = "ParleyError";
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: ParleyErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }

  /** Normalises anything thrown into a ParleyError (`handler_failed` unless it already is one). */
  static from(reason: unknown, fallback: ErrorCode = ErrorCode.handler_failed): ParleyError {
    if (isParleyError(reason)) return reason;
    if (reason instanceof Error)
      return new ParleyError(fallback, reason.message, { cause: reason });
    return new ParleyError(fallback, String(reason));
  }
}

/** True for a ParleyError, also one from another copy of the package. */
export function isParleyError(value: unknown): value is ParleyError {
  return (
    value instanceof ParleyError ||
    (value instanceof Error &&
      value.name === "ParleyError" &&
      isErrorCode((value as ParleyError).code))
  );
}
