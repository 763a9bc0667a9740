/**
 * The caller's side of request/response: sending a request (plain or streamed), matching what
 * comes back by correlation id, and telling the recipient when the caller gives up.
 */

import { PUBLISHED } from "../../transports/transport.js";
import type { AgentContext } from "../agent/context.js";
import { errorFromPayload } from "../errors/error-payload.js";
import { ErrorCode, ParleyError } from "../errors/parley-error.js";
import { timeoutError } from "../errors/request-errors.js";
import { streamLostError } from "../errors/stream-lost-error.js";
import { validationError } from "../errors/validation-error.js";
import type { RequestOptions } from "../inbound/handler-context.js";
import { type CallIds, metadataOf } from "../interceptors/outbound-call.js";
import type { Directory } from "../presence/directory.js";
import { addressFor } from "../wire/addresses.js";
import { requestContractFor } from "../wire/contracts.js";
import {
  createEnvelope,
  type Envelope,
  isoFromEpochMs,
  type JsonObject,
  MessageType,
  Priority,
} from "../wire/envelope.js";
import {
  STREAM_PARTS_KEY,
  STREAM_REQUEST_KEY,
  type StreamEvent,
  streamPartOf,
} from "../wire/stream-protocol.js";
import { sendCancelNotice } from "./cancel-notice.js";
import { OfflineRecipients } from "./offline-recipients.js";
import { type PendingRequest, PendingRequests } from "./pending-requests.js";
import { requestRefusal } from "./request-refusal.js";
import { resendPending } from "./resend-pending.js";
import { StreamBufferBudget, streamBufferFullError } from "./stream-buffer-budget.js";
import { createStreamedRequest } from "./streamed-request.js";

export class OutboundRequests {
  readonly #ctx: AgentContext;
  readonly #directory: Directory;
  readonly #pending = new PendingRequests(timeoutError);
  #late = 0;
  #resent = 0;
  readonly #offline: OfflineRecipients;
  /** What streamed responses hold on this side, per stream and in all. */
  readonly #buffers: StreamBufferBudget;

  constructor(ctx: AgentContext, directory: Directory) {
    this.#ctx = ctx;
    this.#directory = directory;
    this.#buffers = new StreamBufferBudget(ctx.options);
    this.#offline = new OfflineRecipients({
      directory,
      graceMs: ctx.options.offlineGraceMs,
      requestQoS: ctx.options.qos.request,
      hasPending: () => this.#pending.size > 0,
      rejectWhere: (which, error) => this.#pending.rejectWhere(which, error),
    });
  }

  get pending(): number {
    return this.#pending.size;
  }

  /** Responses that arrived for no pending request (late, duplicate or unknown). */
  get late(): number {
    return this.#late;
  }

  /** Requests published again after a reconnect. */
  get resent(): number {
    return this.#resent;
  }

  /** Fails requests to agents that go offline (`stats().offlineFailures` counts them). */
  get offline(): OfflineRecipients {
    return this.#offline;
  }

  request<T>(
    to: string,
    requestType: string,
    payload: JsonObject,
    options: RequestOptions,
    call?: CallIds,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const settle = { resolve: resolve as (v: unknown) => void, reject, stream: undefined };
      this.#send(to, requestType, payload, options, settle, call);
    });
  }

  /** A streamed request: its parts as they come, then the final response; breaking out cancels it. */
  stream<TPart, TResponse>(
    to: string,
    requestType: string,
    payload: JsonObject,
    options: RequestOptions,
    call?: CallIds,
  ): AsyncIterable<StreamEvent<TPart, TResponse>> {
    let correlationId: string | undefined;
    const fail = (ended: boolean, error: (r: PendingRequest) => ParleyError, full = false) => {
      if (correlationId !== undefined) this.#failStream(correlationId, ended, error, full);
    };
    const streamed = createStreamedRequest<TPart, TResponse>(options.signal, {
      onLost: (lost, ended) => fail(ended, (r) => streamLostError(r.requestType, r.to, lost)),
      onFull: (full, ended) =>
        fail(ended, (r) => streamBufferFullError(r.requestType, r.to, full), true),
      connected: () => this.#ctx.connected,
      buffer: this.#buffers.open(),
    });
    correlationId = this.#send(
      to,
      requestType,
      { ...payload, [STREAM_REQUEST_KEY]: true },
      { ...options, signal: streamed.signal },
      streamed.settle,
      call,
    );
    return streamed.events;
  }

  /**
   * Parts of a stream never came, or too many wait: it fails (and the responder, if still
   * streaming, is told to stop). Too many is a refusal of the responder's data: reported too.
   */
  #failStream(
    correlationId: string,
    ended: boolean,
    makeError: (pending: PendingRequest) => ParleyError,
    refused: boolean,
  ): void {
    const pending = this.#pending.get(correlationId);
    if (!pending) return;
    const error = makeError(pending);
    if (!ended && pending.envelope) sendCancelNotice(this.#ctx, pending.envelope);
    if (refused) this.#ctx.reject(error, addressFor(this.#ctx.id, MessageType.response));
    this.#pending.reject(correlationId, error);
  }

  /** A `response` or `error` for one of our requests; returns false when it matches none. */
  onResponse(envelope: Envelope, address: string, bytes: number): boolean {
    const correlationId = envelope.correlation_id;
    const pending = correlationId === null ? undefined : this.#pending.get(correlationId);
    if (correlationId === null || !pending) return false;
    if (envelope.sender_id !== pending.to) {
      const error = new ParleyError(
        ErrorCode.unauthorized,
        `response to a request sent to "${pending.to}" came from "${envelope.sender_id}"`,
      );
      this.#ctx.reject(error, address, envelope);
      return true;
    }
    const { stream } = pending;
    const part = streamPartOf(envelope.payload);
    if (part) {
      if (stream && !stream.add(part.seq, part.data, bytes)) this.#late++;
      return true;
    }
    if (stream?.ended) {
      // A repeat of the final response (or an error after it) while the end waits for a part.
      this.#late++;
      return true;
    }
    this.#directory.recordLatency(pending.to, Date.now() - pending.sentAt);
    const error =
      errorFromPayload(envelope.payload, envelope.sender_id) ??
      (envelope.message_type === MessageType.error
        ? new ParleyError(ErrorCode.remote_error, "the remote agent replied with an error", {
            details: { agent: envelope.sender_id, payload: envelope.payload },
          })
        : undefined);
    if (error) {
      this.#pending.reject(correlationId, error);
      return true;
    }
    let payload = envelope.payload;
    let parts: number | undefined;
    if (stream && STREAM_PARTS_KEY in payload) {
      const { [STREAM_PARTS_KEY]: count, ...rest } = payload;
      payload = rest;
      if (typeof count === "number") parts = count;
    }
    const issues =
      requestContractFor(this.#ctx.options, pending.requestType)?.validateResponse(payload) ?? [];
    if (issues.length > 0) {
      this.#pending.reject(
        correlationId,
        validationError(
          ErrorCode.invalid_response,
          `response for "${pending.requestType}" from "${envelope.sender_id}"`,
          issues,
        ),
      );
      return true;
    }
    if (stream) stream.end(parts, () => this.#pending.resolve(correlationId, payload));
    else this.#pending.resolve(correlationId, payload);
    return true;
  }

  /** Counts a response that matched nothing. */
  countLate(): void {
    this.#late++;
  }

  rejectAll(agentId: string): void {
    this.#offline.stop();
    this.#pending.rejectAll(
      (r) =>
        new ParleyError(
          ErrorCode.closed,
          `agent "${agentId}" closed while request "${r.requestType}" to "${r.to}" was pending`,
        ),
    );
  }

  #send(
    to: string,
    requestType: string,
    payload: JsonObject,
    options: RequestOptions,
    settle: Pick<PendingRequest, "resolve" | "reject" | "stream">,
    call: CallIds | undefined,
  ): string | undefined {
    const failure = requestRefusal(
      this.#ctx,
      this.#pending.size,
      requestType,
      payload,
      options,
      requestContractFor(this.#ctx.options, requestType),
      this.#directory.withoutLatency(to),
    );
    if (failure) {
      settle.reject(failure);
      return undefined;
    }
    const timeoutMs = options.timeout ?? this.#ctx.options.defaultTimeoutMs;
    const sentAt = Date.now();
    // First send: message id = correlation id (one UUID fewer); a retry's is new (replay guards).
    const correlationId = call?.correlationId ?? crypto.randomUUID();
    const envelope = createEnvelope({
      id: call === undefined || call.attempt === 1 ? correlationId : crypto.randomUUID(),
      sender_id: this.#ctx.id,
      recipient_id: to,
      message_type: MessageType.request,
      priority: options.priority ?? Priority.normal,
      payload: { request_type: requestType, ...payload },
      correlation_id: correlationId,
      expires_at: options.expiresAt ?? null,
    });
    if (options.expiresAt == null) envelope.expires_at = isoFromEpochMs(sentAt + timeoutMs);
    const signal = options.signal;
    const intercepted = metadataOf(call);
    // RequestOptions.metadata first; interceptors may add to it or override it.
    const metadata = options.metadata ? { ...options.metadata, ...intercepted } : intercepted;
    if (call) call.messageId = envelope.id;
    this.#pending.add(
      correlationId,
      {
        to,
        requestType,
        sentAt,
        timeoutMs,
        envelope,
        metadata,
        resolve: settle.resolve,
        reject: settle.reject,
        stream: settle.stream,
      },
      signal && {
        signal,
        onAbort: () => {
          // A stream whose final response is in has no handler left to stop.
          if (!settle.stream?.ended) sendCancelNotice(this.#ctx, envelope);
          return new ParleyError(
            ErrorCode.cancelled,
            `request "${requestType}" to "${to}" was aborted`,
            { cause: signal.reason },
          );
        },
      },
    );
    const sent = this.#ctx.send(envelope, "request", metadata && { metadata });
    if (sent !== PUBLISHED)
      sent.catch((error: unknown) => {
        this.#pending.reject(correlationId, ParleyError.from(error, ErrorCode.unavailable));
      });
    return correlationId;
  }

  /** After a reconnect, publishes every unexpired pending request again ({@link resendPending}). */
  resendPending(): void {
    this.#resent += resendPending(this.#ctx, this.#pending);
  }
}
