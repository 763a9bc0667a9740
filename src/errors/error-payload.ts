/**
 * Error replies on the wire. Parley sends an error as a `response` (so a seed agent, which
 * correlates only responses, still matches it to its request) whose payload is
 * `{ request_type, error: { code, message, details } }`. A seed agent's own failures arrive as a
 * response with `error` as a plain string; both become a {@link ParleyError} at the caller.
 */
import { isObject } from "../presence/agent-card.js";
import type { JsonObject } from "../wire/envelope.js";
import { quoted } from "../wire/sender-input.js";
import { APPLICATION_CODE, wireCode } from "./application-error.js";
import { ErrorCode, isErrorCode, ParleyError } from "./parley-error.js";

/** The `error` member of an error reply. */
export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** The payload of an error reply to a request of `requestType` (echoed {@link quoted}). */
export function errorPayload(error: ParleyError, requestType: string | undefined): JsonObject {
  const { [APPLICATION_CODE]: _code, ...details } = error.details;
  const body: ErrorBody = { code: wireCode(error), message: error.message, details };
  return requestType === undefined
    ? { error: body }
    : { request_type: quoted(requestType), error: body };
}

/** Longest message a {@link minimalErrorPayload} keeps. */
const MINIMAL_MESSAGE_LENGTH = 200;

/**
 * The last resort for an error reply too large to send (a handler's huge message or details):
 * its code and the start of its message, nothing else, so it fits any sensible size limit.
 */
export function minimalErrorPayload(error: ErrorBody): JsonObject {
  const message =
    error.message.length <= MINIMAL_MESSAGE_LENGTH
      ? error.message
      : `${error.message.slice(0, MINIMAL_MESSAGE_LENGTH)}… (cut: the error reply was too large to send)`;
  return { error: { code: quoted(error.code), message, details: { truncated: true } } };
}

/** The error a response payload carries, or undefined when it is a success. */
export function errorFromPayload(payload: JsonObject, sender: string): ParleyError | undefined {
  if (!("error" in payload)) return undefined;
  const raw = payload.error;
  if (typeof raw === "string") {
    return new ParleyError(ErrorCode.remote_error, raw, { details: { agent: sender } });
  }
  if (isObject(raw) && typeof raw.message === "string") {
    const details = isObject(raw.details) ? raw.details : {};
    if (isErrorCode(raw.code)) {
      return new ParleyError(raw.code, raw.message, { details: { ...details, agent: sender } });
    }
    // An application error code outside Parley's closed set travels as remote_error.
    return new ParleyError(ErrorCode.remote_error, raw.message, {
      details: {
        ...details,
        agent: sender,
        remote_code: typeof raw.code === "string" ? raw.code : undefined,
      },
    });
  }
  if (raw === null || raw === undefined || raw === false) return undefined;
  return new ParleyError(ErrorCode.remote_error, "the remote agent reported an error", {
    details: { agent: sender, error: raw },
  });
}
