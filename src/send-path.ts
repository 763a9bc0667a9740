/**
 * The agent's one send path: encode, check the size, publish with the options of the message's
 * kind. And its quiet variant for replies and notices, whose failures become events: a reply
 * that fails while the connection is down waits in the {@link ReplyOutbox} for the next one.
 */
import { PUBLISHED } from "../transports/transport.js";
import { envelopeAddress, publishOptionsFor, type SendKind } from "./agent-core.js";
import type { ResolvedAgentOptions } from "./agent-options.js";
import { type Envelope, encodeEnvelope, MessageType } from "./envelope.js";
import { decodeEnvelope } from "./envelope-decoder.js";
import { errorPayload, minimalErrorPayload } from "./error-payload.js";
import { ErrorCode, ParleyError } from "./errors.js";
import { type HeldReply, ReplyOutbox } from "./reply-outbox.js";

/** What the send path needs of its agent. */
export interface SendPathHost {
  readonly id: string;
  readonly options: ResolvedAgentOptions;
  /** The transport says it is connected. */
  isConnected(): boolean;
  /** Connected once and not closed. */
  isOpen(): boolean;
  /** Counts and reports a message that could not be sent. */
  reject(error: ParleyError, address: string, envelope?: Envelope): void;
}

/** Where and how to publish, beyond the envelope's own address. */
export interface SendExtra {
  readonly address?: string;
  readonly retain?: boolean;
  /** For a reply held through an outage: epoch ms after which nobody waits for it. */
  readonly holdUntil?: number;
}

/** A message already encoded (a reply answered again from the response cache). */
export interface EncodedMessage {
  readonly bytes: Uint8Array;
  readonly address: string;
  readonly kind: SendKind;
  readonly expiresAt: string | null;
}

const NO_EXTRA: SendExtra = {};

/** The envelope's bytes; a payload JSON cannot carry (a BigInt, a cycle) is the sender's error. */
function encoded(envelope: Envelope, kind: SendKind): Uint8Array {
  try {
    return encodeEnvelope(envelope);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ParleyError(
      kind === "response" ? ErrorCode.invalid_response : ErrorCode.invalid_request,
      `${envelope.message_type} cannot be encoded as JSON (${reason}); not sent`,
      { cause },
    );
  }
}

/** The envelope of bytes this agent encoded, for an event about them (failures only). */
function envelopeOf(bytes: Uint8Array): Envelope | undefined {
  const decoded = decodeEnvelope(bytes, Number.POSITIVE_INFINITY);
  return decoded.ok ? decoded.envelope : undefined;
}

export class SendPath {
  readonly #host: SendPathHost;
  readonly #outbox: ReplyOutbox;
  /** Counts connection status changes: a send that failed across one is tried again. */
  #statusChanges = 0;

  constructor(host: SendPathHost) {
    this.#host = host;
    this.#outbox = new ReplyOutbox(host.options.responseCacheSize, host.options.responseCacheBytes);
  }

  /**
   * Encodes and publishes; the address defaults to the envelope's own. Rejects when it cannot.
   * Not `async`: up to the publish everything is synchronous, and the transport's promise is
   * returned as it is rather than wrapped in another one.
   */
  send(envelope: Envelope, kind: SendKind, extra: SendExtra = NO_EXTRA): Promise<void> {
    try {
      if (!this.#host.isConnected()) throw this.#notConnected();
      const bytes = this.#encode(envelope, kind);
      const address = extra.address ?? envelopeAddress(envelope);
      return this.#publish({ bytes, address, kind, expiresAt: envelope.expires_at }, extra);
    } catch (error) {
      // Not encodable (a BigInt, a cycle), refused, or a transport that throws: a rejection.
      return Promise.reject(error);
    }
  }

  /** Encodes, and refuses (`payload_too_large`) what is above maxMessageBytes. */
  #encode(envelope: Envelope, kind: SendKind): Uint8Array {
    const bytes = encoded(envelope, kind);
    const limit = this.#host.options.maxMessageBytes;
    if (bytes.byteLength > limit) {
      throw new ParleyError(
        ErrorCode.payload_too_large,
        `${envelope.message_type} of ${bytes.byteLength} bytes exceeds maxMessageBytes (${limit}); not sent`,
        { details: { size: bytes.byteLength, limit } },
      );
    }
    return bytes;
  }

  #notConnected(): ParleyError {
    return new ParleyError(ErrorCode.unavailable, `agent "${this.#host.id}" is not connected`);
  }

  #publish(message: EncodedMessage, extra: SendExtra): Promise<void> {
    const { options } = this.#host;
    if (!this.#host.isConnected()) throw this.#notConnected();
    const { bytes, kind } = message;
    const retain = extra.retain ?? false;
    const publishOptions = publishOptionsFor(message, bytes, kind, options, retain);
    const published = options.transport.publish(message.address, bytes, publishOptions);
    // A transport written in plain JavaScript may return a thenable, or nothing.
    return published instanceof Promise ? published : Promise.resolve(published);
  }

  /**
   * Like `send`, but a failure becomes a `message:rejected` event instead of a rejection. A
   * `response` that fails because the connection is down is held and sent on reconnect, until
   * `holdUntil` (default: the agent's default timeout from now). A response that cannot be sent
   * at all (too large, not JSON) is replaced by an error reply that says why.
   *
   * Returns the bytes published (or held for the connection): those of the replacement when the
   * envelope could not be sent, undefined when nothing could be.
   */
  sendQuietly(
    envelope: Envelope,
    kind: SendKind,
    extra: SendExtra = NO_EXTRA,
  ): Uint8Array | undefined {
    return this.#sendQuietly(envelope, kind, extra, 0);
  }

  #sendQuietly(
    envelope: Envelope,
    kind: SendKind,
    extra: SendExtra,
    replacements: number,
  ): Uint8Array | undefined {
    let bytes: Uint8Array;
    try {
      bytes = this.#encode(envelope, kind);
    } catch (error) {
      const refused = ParleyError.from(error, ErrorCode.unavailable);
      this.#host.reject(refused, extra.address ?? envelopeAddress(envelope), envelope);
      const replacement = replacements < 2 ? replacementFor(envelope, refused) : undefined;
      return replacement === undefined
        ? undefined
        : this.#sendQuietly(replacement, kind, extra, replacements + 1);
    }
    const address = extra.address ?? envelopeAddress(envelope);
    this.sendEncodedQuietly(
      { bytes, address, kind, expiresAt: envelope.expires_at },
      extra,
      envelope,
    );
    return bytes;
  }

  /** Publishes bytes already encoded (and within the limit), quietly, as {@link sendQuietly}. */
  sendEncodedQuietly(message: EncodedMessage, extra: SendExtra, envelope?: Envelope): void {
    const statusAtSend = this.#statusChanges;
    let sent: Promise<void>;
    try {
      sent = this.#publish(message, extra);
    } catch (error) {
      sent = Promise.reject(error);
    }
    if (sent === PUBLISHED) return;
    sent.catch((error: unknown) => {
      if (message.kind === "response" && this.#host.isOpen()) {
        if (!this.#host.isConnected()) {
          const deadline = extra.holdUntil ?? Date.now() + this.#host.options.defaultTimeoutMs;
          for (const givenUp of this.#outbox.hold({ ...message, deadline }))
            this.#givenUp(givenUp, "too many replies were waiting");
          return;
        }
        // It failed while the connection was down or changing, and it is back now (the replies
        // held meanwhile went out already): send it again.
        if (statusAtSend !== this.#statusChanges) {
          if (extra.holdUntil !== undefined && extra.holdUntil <= Date.now())
            this.#givenUp(message, "its request expired");
          else this.sendEncodedQuietly(message, extra, envelope);
          return;
        }
      }
      const refused = ParleyError.from(error, ErrorCode.unavailable);
      this.#host.reject(refused, message.address, envelope ?? envelopeOf(message.bytes));
    });
  }

  /** The connection status changed; once it is back, the replies held meanwhile go out. */
  statusChanged(): void {
    this.#statusChanges++;
    if (!this.#host.isConnected() || !this.#host.isOpen()) return;
    const { due, expired } = this.#outbox.takeAll();
    for (const held of expired) this.#givenUp(held, "its request expired");
    for (const held of due) this.sendEncodedQuietly(held, { holdUntil: held.deadline });
  }

  /** Forgets the held replies (the agent is closing). */
  clear(): void {
    this.#outbox.clear();
  }

  #givenUp(reply: Pick<HeldReply, "bytes" | "address">, why: string): void {
    const envelope = envelopeOf(reply.bytes);
    this.#host.reject(
      new ParleyError(
        ErrorCode.unavailable,
        `reply to "${envelope?.recipient_id}" not sent while disconnected: ${why}`,
      ),
      reply.address,
      envelope,
    );
  }
}

/**
 * What to send instead of a response that cannot be sent (too large, not JSON), so the caller is
 * told rather than left to time out: an error reply saying why, or, for an error reply that is
 * itself too large, its code and the start of its message. Undefined for anything else.
 */
function replacementFor(envelope: Envelope, refused: ParleyError): Envelope | undefined {
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
