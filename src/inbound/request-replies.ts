/**
 * The reply side of request handling: responses, stream parts and error replies to the caller,
 * and the cache of final replies that answers a redelivered (QoS 1 duplicate) request from memory
 * instead of running its handler again. The cache keeps the bytes that were sent (see
 * `cached-reply.ts`), bounded in count and in bytes; a reply that could not be sent is not kept
 * (the error reply sent instead of it is).
 */

import type { AgentContext } from "../agent/context.js";
import { errorPayload } from "../errors/error-payload.js";
import { ErrorCode, ParleyError } from "../errors/parley-error.js";
import { BoundedCache } from "../util/bounded-cache.js";
import { addressFor } from "../wire/addresses.js";
import {
  createEnvelope,
  type Envelope,
  epochMsOf,
  type JsonObject,
  MessageType,
} from "../wire/envelope.js";
import { STREAM_PART_KEY } from "../wire/stream-protocol.js";
import { replyAgain, withEncodedPayload } from "./cached-reply.js";
import type { InFlight } from "./in-flight-request.js";

/** Codes of failures that may pass: a reply with one is not cached. */
const PASSING = new Set<string>([ErrorCode.overloaded, ErrorCode.unavailable, ErrorCode.timeout]);

/** No deadline: held for the agent's default timeout. */
const NO_HOLD: { holdUntil?: number } = {};

export class RequestReplies {
  readonly #ctx: AgentContext;
  /** Final replies' bytes by request key, to answer a redelivered (QoS 1 duplicate) request without running it again. */
  readonly #replies: BoundedCache<string, Uint8Array>;

  constructor(ctx: AgentContext) {
    this.#ctx = ctx;
    this.#replies = new BoundedCache(ctx.options.responseCacheSize, undefined, {
      max: ctx.options.responseCacheBytes,
      weigh: (bytes) => bytes.byteLength,
    });
  }

  /** True when the final reply to the request with this key is cached. */
  has(key: string): boolean {
    return this.#replies.has(key);
  }

  /** Answers a duplicate of a request from the cache; false when no reply to it is cached. */
  answerAgain(key: string, request: Envelope): boolean {
    const cached = this.#replies.get(key);
    if (cached === undefined) return false;
    const bytes = replyAgain(cached, this.#response(request, {}));
    if (bytes === undefined) return false;
    this.#sendEncoded(request, bytes);
    return true;
  }

  /** Sends the handler's outcome and remembers what was sent for a duplicate of the request. */
  finalReply(job: InFlight, payload: JsonObject): void {
    const sent = this.reply(job.envelope, payload);
    if (job.key !== undefined && sent !== undefined) this.#replies.set(job.key, sent);
  }

  /** Sends each value a streaming handler yields as the next part; undefined unless the caller asked for a stream. */
  partSender(job: InFlight): ((data: unknown) => void) | undefined {
    if (!job.streamed) return undefined;
    return (data) =>
      this.reply(job.envelope, { [STREAM_PART_KEY]: { seq: job.partsSent++, data } });
  }

  /**
   * Sends `payload` as a response to `request`, as whom the caller addressed. Returns the bytes
   * sent (an error reply's when the response could not be sent), or undefined.
   */
  reply(request: Envelope, payload: JsonObject): Uint8Array | undefined {
    return this.#ctx.sendQuietly(
      this.#response(request, payload),
      "response",
      this.#holdExtra(request),
    );
  }

  /**
   * Sends a response whose payload was encoded before (`payload`, JSON bytes). One above
   * maxMessageBytes is refused and the caller gets `payload_too_large` instead.
   */
  replyEncoded(request: Envelope, address: string, requestType: string, payload: Uint8Array): void {
    const bytes = withEncodedPayload(this.#response(request, {}), payload);
    const limit = this.#ctx.options.maxMessageBytes;
    if (bytes === undefined || bytes.byteLength > limit) {
      const size = bytes?.byteLength ?? payload.byteLength;
      const error = new ParleyError(
        ErrorCode.payload_too_large,
        `the response to "${requestType}" is ${size} bytes, above maxMessageBytes (${limit}); not sent`,
        { details: { size, limit } },
      );
      this.fail(request, address, requestType, error);
      return;
    }
    this.#sendEncoded(request, bytes);
  }

  /** Publishes response bytes to the caller of `request`. */
  #sendEncoded(request: Envelope, bytes: Uint8Array): void {
    this.#ctx.sendEncodedQuietly(
      {
        bytes,
        address: addressFor(request.sender_id, MessageType.response),
        kind: "response",
        expiresAt: null,
      },
      this.#holdExtra(request),
    );
  }

  #response(request: Envelope, payload: JsonObject): Envelope {
    return createEnvelope({
      // A pool member answers as the pool it was addressed by, so the caller's check passes.
      sender_id: this.#ctx.answersAs(request.recipient_id),
      recipient_id: request.sender_id,
      message_type: MessageType.response,
      priority: request.priority,
      payload,
      correlation_id: request.correlation_id,
    });
  }

  /** A reply is held through an outage until the caller's deadline at most. */
  #holdExtra(request: Envelope): { holdUntil?: number } {
    return request.expires_at === null ? NO_HOLD : { holdUntil: epochMsOf(request.expires_at) };
  }

  /** The request was refused before its handler ran: reported as rejected, and an error reply sent. */
  fail(
    envelope: Envelope,
    address: string,
    requestType: string | undefined,
    error: ParleyError,
  ): void {
    this.#ctx.reject(error, address, envelope);
    this.reply(envelope, errorPayload(error, requestType));
  }

  /** The handler threw (or its result was refused): reported, and the caller told unless it gave up. */
  failed(job: InFlight, thrown: unknown): void {
    const error = ParleyError.from(thrown);
    this.#ctx.emit("handler:error", { error, address: job.address, envelope: job.envelope });
    if (job.abort?.aborted) return;
    const payload = errorPayload(error, job.requestType);
    // An error that may pass is not kept: a retry of the request (same correlation id) runs again.
    if (PASSING.has(error.code)) this.reply(job.envelope, payload);
    else this.finalReply(job, payload);
  }
}
