/**
 * The steps of the agent's one send path, as functions of the message alone: encode within the
 * size limit, the address, the publish options of the message's kind, and the error reply sent
 * instead of a response that cannot be sent. The agent's context (`context.ts`) runs them.
 */
import type { PublishOptions } from "../../transports/transport.js";
import { errorPayload, minimalErrorPayload } from "../errors/error-payload.js";
import { ErrorCode, ParleyError } from "../errors/parley-error.js";
import { addressFor } from "../wire/addresses.js";
import { type Envelope, encodeEnvelope, epochMsOf, MessageType } from "../wire/envelope.js";
import { decodeEnvelope } from "../wire/envelope-decoder.js";
import { SignatureMetadata } from "../wire/signatures.js";
import type { ResolvedAgentOptions } from "./resolved-options.js";

/** The kinds of message an agent publishes, each with its own QoS. */
export type SendKind = "request" | "response" | "broadcast" | "heartbeat" | "presence";

/** Where and how to publish, beyond the envelope's own address. */
export interface SendExtra {
  readonly address?: string;
  readonly retain?: boolean;
  /** For a reply held through an outage: epoch ms after which nobody waits for it. */
  readonly holdUntil?: number;
  /** Interceptors' metadata; the signature's keys win over theirs. */
  readonly metadata?: Readonly<Record<string, string>> | undefined;
}

/** A message already encoded (a reply answered again from the response cache). */
export interface EncodedMessage {
  readonly bytes: Uint8Array;
  readonly address: string;
  readonly kind: SendKind;
  readonly expiresAt: string | null;
}

/**
 * The envelope's bytes. A payload JSON cannot carry (a BigInt, a cycle) is the sender's error,
 * and so is one above `limit` (`payload_too_large`).
 */
export function encodeWithin(envelope: Envelope, kind: SendKind, limit: number): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = encodeEnvelope(envelope);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ParleyError(
      kind === "response" ? ErrorCode.invalid_response : ErrorCode.invalid_request,
      `${envelope.message_type} cannot be encoded as JSON (${reason}); not sent`,
      { cause },
    );
  }
  if (bytes.byteLength > limit) {
    throw new ParleyError(
      ErrorCode.payload_too_large,
      `${envelope.message_type} of ${bytes.byteLength} bytes exceeds maxMessageBytes (${limit}); not sent`,
      { details: { size: bytes.byteLength, limit } },
    );
  }
  return bytes;
}

/** The address an envelope is published to, as the seed computes it. */
export function envelopeAddress(envelope: Envelope): string {
  return addressFor(envelope.recipient_id, envelope.message_type);
}

/** The envelope of bytes this agent encoded, for an event about them (failures only). */
export function envelopeOf(bytes: Uint8Array): Envelope | undefined {
  const decoded = decodeEnvelope(bytes, Number.POSITIVE_INFINITY);
  return decoded.ok ? decoded.envelope : undefined;
}

/**
 * Publish options for one message: QoS by kind, broker-side expiry from its `expires_at`, and
 * metadata: interceptors' (where the transport carries any), then the signature's.
 */
export function publishOptionsFor(
  message: EncodedMessage,
  options: ResolvedAgentOptions,
  retain: boolean,
  metadata?: Readonly<Record<string, string>>,
): PublishOptions {
  const published: { -readonly [K in keyof PublishOptions]: PublishOptions[K] } = {
    qos: options.qos[message.kind],
  };
  if (retain) published.retain = true;
  if (message.expiresAt !== null) {
    published.expirySeconds = Math.max(
      1,
      Math.ceil((epochMsOf(message.expiresAt) - Date.now()) / 1000),
    );
  }
  const carried = metadata !== undefined && options.transport.features.metadata;
  if (options.signer) {
    published.metadata = {
      ...(carried ? metadata : undefined),
      [SignatureMetadata.keyId]: options.signer.keyId,
      [SignatureMetadata.signature]: options.signer.sign(message.bytes),
    };
  } else if (carried) published.metadata = metadata;
  return published;
}

/**
 * What to send instead of a response that cannot be sent (too large, not JSON), so the caller is
 * told rather than left to time out: an error reply saying why, or, for an error reply that is
 * itself too large, its code and the start of its message. Undefined for anything else.
 */
export function replacementFor(envelope: Envelope, refused: ParleyError): Envelope | undefined {
  const { message_type, recipient_id, correlation_id, payload } = envelope;
  if (
    (refused.code !== ErrorCode.payload_too_large && refused.code !== ErrorCode.invalid_response) ||
    message_type !== MessageType.response ||
    recipient_id === null ||
    correlation_id === null
  )
    return undefined;
  const error = payload.error;
  const replacement =
    error === undefined
      ? errorPayload(refused, undefined)
      : minimalErrorPayload({
          code:
            typeof error === "object" && error !== null
              ? String((error as { code?: unknown }).code)
              : refused.code,
          message:
            typeof error === "object" && error !== null
              ? String((error as { message?: unknown }).message)
              : String(error),
        });
  return { ...envelope, id: crypto.randomUUID(), payload: replacement };
}
