/**
 * The agent's one send path: encode, check the size, publish with the options of the message's
 * kind. And its quiet variant for replies and notices, whose failures become events: a reply
 * that fails while the connection is down waits in the {@link ReplyOutbox} for the next one.
 */
import { PUBLISHED } from "../transports/transport.js";
import { envelopeAddress, publishOptionsFor, type SendKind } from "./agent-core.js";
import type { ResolvedAgentOptions } from "./agent-options.js";
import { type Envelope, encodeEnvelope, MessageType } from "./envelope.js";
import { errorPayload } from "./error-payload.js";
import { ErrorCode, ParleyError } from "./errors.js";
import { ReplyOutbox } from "./reply-outbox.js";

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

export class SendPath {
  readonly #host: SendPathHost;
  readonly #outbox: ReplyOutbox;
  /** Counts connection status changes: a send that failed across one is tried again. */
  #statusChanges = 0;

  constructor(host: SendPathHost) {
    this.#host = host;
    this.#outbox = new ReplyOutbox(host.options.responseCacheSize);
  }

  /**
   * Encodes and publishes; the address defaults to the envelope's own. Rejects when it cannot.
   * Not `async`: up to the publish everything is synchronous, and the transport's promise is
   * returned as it is rather than wrapped in another one.
   */
  send(envelope: Envelope, kind: SendKind, extra: SendExtra = NO_EXTRA): Promise<void> {
    try {
      return this.#publish(envelope, kind, extra);
    } catch (error) {
      // Not encodable (a BigInt, a cycle), refused, or a transport that throws: a rejection.
      return Promise.reject(error);
    }
  }

  #publish(envelope: Envelope, kind: SendKind, extra: SendExtra): Promise<void> {
    const { id, options } = this.#host;
    if (!this.#host.isConnected())
      throw new ParleyError(ErrorCode.unavailable, `agent "${id}" is not connected`);
    const bytes = encoded(envelope, kind);
    const limit = options.maxMessageBytes;
    if (bytes.byteLength > limit) {
      throw new ParleyError(
        ErrorCode.payload_too_large,
        `${envelope.message_type} of ${bytes.byteLength} bytes exceeds maxMessageBytes (${limit}); not sent`,
        { details: { size: bytes.byteLength, limit } },
      );
    }
    const publishOptions = publishOptionsFor(envelope, bytes, kind, options, extra.retain ?? false);
    const published = options.transport.publish(
      extra.address ?? envelopeAddress(envelope),
      bytes,
      publishOptions,
    );
    // A transport written in plain JavaScript may return a thenable, or nothing.
    return published instanceof Promise ? published : Promise.resolve(published);
  }

  /**
   * Like `send`, but a failure becomes a `message:rejected` event instead of a rejection. A
   * `response` that fails because the connection is down is held and sent on reconnect, until
   * `holdUntil` (default: the agent's default timeout from now).
   */
  sendQuietly(envelope: Envelope, kind: SendKind, extra?: SendExtra): void {
    const statusAtSend = this.#statusChanges;
    const sent = this.send(envelope, kind, extra);
    if (sent === PUBLISHED) return;
    sent.catch((error: unknown) => {
      if (kind === "response" && this.#host.isOpen()) {
        if (!this.#host.isConnected()) {
          const deadline = extra?.holdUntil ?? Date.now() + this.#host.options.defaultTimeoutMs;
          const givenUp = this.#outbox.hold({ envelope, kind, deadline });
          if (givenUp) this.#givenUp(givenUp.envelope, "too many replies were waiting");
          return;
        }
        // It failed while the connection was down or changing, and it is back now (the replies
        // held meanwhile went out already): send it again.
        if (statusAtSend !== this.#statusChanges) {
          if (extra?.holdUntil !== undefined && extra.holdUntil <= Date.now())
            this.#givenUp(envelope, "its request expired");
          else this.sendQuietly(envelope, kind, extra);
          return;
        }
      }
      const refused = ParleyError.from(error, ErrorCode.unavailable);
      this.#host.reject(refused, envelopeAddress(envelope), envelope);
      // A reply too large to send, or not JSON: tell the caller why, rather than leave it to time out.
      const { message_type, recipient_id, correlation_id, payload } = envelope;
      if (
        (refused.code === ErrorCode.payload_too_large ||
          refused.code === ErrorCode.invalid_response) &&
        message_type === MessageType.response &&
        recipient_id !== null &&
        correlation_id !== null &&
        !("error" in payload)
      ) {
        this.sendQuietly(
          { ...envelope, id: crypto.randomUUID(), payload: errorPayload(refused, undefined) },
          kind,
          extra,
        );
      }
    });
  }

  /** The connection status changed; once it is back, the replies held meanwhile go out. */
  statusChanged(): void {
    this.#statusChanges++;
    if (!this.#host.isConnected() || !this.#host.isOpen()) return;
    const { due, expired } = this.#outbox.takeAll();
    for (const held of expired) this.#givenUp(held.envelope, "its request expired");
    for (const held of due)
      this.sendQuietly(held.envelope, held.kind, { holdUntil: held.deadline });
  }

  /** Forgets the held replies (the agent is closing). */
  clear(): void {
    this.#outbox.clear();
  }

  #givenUp(reply: Envelope, why: string): void {
    this.#host.reject(
      new ParleyError(
        ErrorCode.unavailable,
        `reply to "${reply.recipient_id}" not sent while disconnected: ${why}`,
      ),
      envelopeAddress(reply),
      reply,
    );
  }
}
