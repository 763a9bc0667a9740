/**
 * The receive path for requests: expiry, handler lookup, priority dispatch with bounded
 * concurrency, contract validation, the handler itself (plain or streaming), cancellation by the
 * caller, and the reply. Every failure ends in a typed error reply to the sender and a local
 * event; nothing here throws to the transport.
 */

import type { InboundMessage } from "../../transports/transport.js";
import type { AgentContext } from "../agent/context.js";
import { errorPayload } from "../errors/error-payload.js";
import { ErrorCode, ParleyError } from "../errors/parley-error.js";
import { expiredError, shedError, unknownRequestTypeError } from "../errors/request-errors.js";
import { validationError } from "../errors/validation-error.js";
import { RenewingMap } from "../util/renewing-map.js";
import {
  CONTRACTS_REQUEST_TYPE,
  RESERVED_REQUEST_TYPE_PREFIX,
} from "../wire/contract-documents.js";
import { type RequestContract, requestContractFor } from "../wire/contracts.js";
import { type Envelope, epochMsOf, isExpired } from "../wire/envelope.js";
import {
  isAsyncGenerator,
  STREAM_PARTS_KEY,
  STREAM_REQUEST_KEY,
  streamedResult,
} from "../wire/stream-protocol.js";
import { ContractsAnswer } from "./contracts-answer.js";
import { createDispatcher, type Dispatcher, type ShedReason } from "./dispatcher.js";
import { HandlerAbort } from "./handler-abort.js";
import type { RequestFn, RequestHandler } from "./handler-context.js";
import { checkedResponse, isThenable } from "./handler-result.js";
import { InFlight, inFlightKey } from "./in-flight-request.js";
import { callHandler } from "./intercepted-handler.js";
import { RequestReplies } from "./request-replies.js";

export class RequestHandling {
  readonly #ctx: AgentContext;
  readonly #handlers = new Map<string, RequestHandler>();
  readonly #dispatcher: Dispatcher<InFlight>;
  /** Renewed now and then: a Map with this much churn otherwise keeps the GC busy (see there). */
  readonly #inFlight = new RenewingMap<string, InFlight>();
  readonly #replies: RequestReplies;
  readonly #request: RequestFn;
  /** The answer to `parley.contracts`; undefined when `serveContracts` is off. */
  readonly #contracts: ContractsAnswer | undefined;

  constructor(ctx: AgentContext, request: RequestFn) {
    this.#ctx = ctx;
    this.#request = request;
    this.#replies = new RequestReplies(ctx);
    this.#contracts = ctx.options.serveContracts
      ? new ContractsAnswer(ctx.options.contracts)
      : undefined;
    this.#dispatcher = createDispatcher({
      concurrency: ctx.options.concurrency,
      maxQueue: ctx.options.maxQueue,
      maxQueueBytes: ctx.options.maxQueueBytes,
      run: (job) => this.#run(job),
      shed: (job, why) => this.#shed(job, why),
    });
  }

  /** Registers a handler; returns a function that removes it. */
  register(requestType: string, handler: RequestHandler): () => void {
    if (typeof requestType !== "string" || requestType.length === 0)
      throw new TypeError("request type must be a non-empty string");
    if (requestType.startsWith(RESERVED_REQUEST_TYPE_PREFIX))
      throw new TypeError(
        `request type "${requestType}" is reserved: types starting with "${RESERVED_REQUEST_TYPE_PREFIX}" are Parley's own`,
      );
    if (this.#handlers.has(requestType))
      throw new Error(`a handler for "${requestType}" is already registered`);
    this.#handlers.set(requestType, handler);
    return () => {
      if (this.#handlers.get(requestType) === handler) this.#handlers.delete(requestType);
    };
  }

  /** Request types with a handler, sorted. */
  requestTypes(): string[] {
    return [...this.#handlers.keys()].sort();
  }

  /** Requests waiting for a handler. */
  queued(): number {
    return this.#dispatcher.queued;
  }

  /** In-flight work relative to capacity: 0 idle, 1 saturated, above 1 backlogged. */
  load(): number {
    return (this.#dispatcher.active + this.#dispatcher.queued) / this.#ctx.options.concurrency;
  }

  /** Handles one decoded request envelope and the message it came in. */
  receive(envelope: Envelope, message: InboundMessage): void {
    const { address } = message;
    const requestType = envelope.payload.request_type;
    if (typeof requestType !== "string" || requestType.length === 0) {
      this.#replies.fail(
        envelope,
        address,
        undefined,
        new ParleyError(ErrorCode.invalid_request, "request has no payload.request_type"),
      );
      return;
    }
    if (isExpired(envelope)) {
      this.#replies.fail(envelope, address, requestType, expiredError(envelope));
      return;
    }
    if (requestType === CONTRACTS_REQUEST_TYPE && this.#contracts !== undefined) {
      // Answered at once from bytes encoded before: no handler, no queue, no validation.
      let payload: Uint8Array;
      try {
        payload = this.#contracts.encoded(this.requestTypes());
      } catch (error) {
        this.#replies.fail(envelope, address, requestType, ParleyError.from(error));
        return;
      }
      this.#replies.replyEncoded(envelope, address, requestType, payload);
      return;
    }
    const handler = this.#handlers.get(requestType);
    if (!handler) {
      const error = unknownRequestTypeError(this.#ctx.id, requestType, this.requestTypes());
      this.#replies.fail(envelope, address, requestType, error);
      return;
    }
    const key = inFlightKey(envelope);
    if (key !== undefined && this.#isDuplicate(key, envelope)) return;
    const size = message.bytes.byteLength;
    const { metadata } = message;
    const job = new InFlight(envelope, address, requestType, handler, key, size, metadata);
    if (key) this.#inFlight.set(key, job);
    this.#dispatcher.submit(job);
  }

  #shed(job: InFlight, why: ShedReason): void {
    if (job.key) this.#inFlight.delete(job.key);
    const { maxQueue, maxQueueBytes } = this.#ctx.options;
    const error = shedError(this.#ctx.id, why, maxQueue, maxQueueBytes);
    this.#replies.fail(job.envelope, job.address, job.requestType, error);
  }

  /** True when this request (sender and correlation id) is being handled or its reply is cached. */
  knows(envelope: Envelope): boolean {
    const key = inFlightKey(envelope);
    return key !== undefined && (this.#inFlight.has(key) || this.#replies.has(key));
  }

  /** A request seen before: answered again from the cache, or already being handled. */
  #isDuplicate(key: string, envelope: Envelope): boolean {
    if (this.#inFlight.has(key)) return true;
    return this.#replies.answerAgain(key, envelope);
  }

  /** The caller gave up on a request (an `error` message with its correlation id): stop it, send nothing. */
  cancel(envelope: Envelope): boolean {
    const key = inFlightKey(envelope);
    const entry = key === undefined ? undefined : this.#inFlight.get(key);
    if (!entry) return false;
    entry.cancelled = true;
    entry.abort?.abort(
      new ParleyError(ErrorCode.cancelled, `"${envelope.sender_id}" cancelled the request`),
    );
    return true;
  }

  /**
   * On close: sheds queued work and aborts running handlers. Their callers are told at once
   * (`unavailable`, so an idempotent delegation fails over); nothing is sent for them afterwards.
   */
  stop(): void {
    this.#dispatcher.drain();
    for (const entry of this.#inFlight.values()) {
      if (!entry.abort || entry.cancelled) continue;
      entry.abort.abort(new ParleyError(ErrorCode.closed, "agent closed"));
      const error = new ParleyError(
        ErrorCode.unavailable,
        `agent "${this.#ctx.id}" closed while handling the request`,
      );
      const requestType = String(entry.envelope.payload.request_type);
      this.#replies.reply(entry.envelope, errorPayload(error, requestType));
    }
  }

  /**
   * Runs the request, then forgets it as in flight (its reply, if any, is cached by then).
   * Returns a promise only when the handler goes on asynchronously: a handler that answers at
   * once costs no promise and no microtask hop here.
   */
  #run(job: InFlight): Promise<void> | undefined {
    let later: Promise<void> | undefined;
    try {
      if (!job.cancelled) later = this.#handle(job);
    } finally {
      if (later === undefined) this.#forget(job);
    }
    return later;
  }

  #forget(job: InFlight): void {
    if (job.key) this.#inFlight.delete(job.key);
  }

  /** Checks, then calls the handler; the rest follows in `#settle`, at once or once it is done. */
  #handle(job: InFlight): Promise<void> | undefined {
    const { envelope, address, requestType } = job;
    if (isExpired(envelope)) {
      this.#replies.fail(envelope, address, requestType, expiredError(envelope));
      return undefined;
    }
    const { request_type: _type, [STREAM_REQUEST_KEY]: streamed, ...payload } = envelope.payload;
    const contract = requestContractFor(this.#ctx.options, requestType);
    const requestIssues = contract?.validateRequest(payload) ?? [];
    if (requestIssues.length > 0) {
      this.#replies.fail(
        envelope,
        address,
        requestType,
        validationError(ErrorCode.invalid_request, `request for "${requestType}"`, requestIssues),
      );
      return undefined;
    }
    const deadlineMs = envelope.expires_at === null ? undefined : epochMsOf(envelope.expires_at);
    const deadline = deadlineMs === undefined ? undefined : new Date(deadlineMs);
    const abort = new HandlerAbort(deadlineMs, envelope);
    job.abort = abort;
    job.streamed = streamed === true;
    let returned: unknown;
    let later: boolean;
    try {
      returned = callHandler(this.#ctx, job, payload, deadline, this.#request, this.#replies);
      // Inside the try: reading `then` of what a handler returned may throw (a revoked Proxy).
      later = isThenable(returned) || isAsyncGenerator(returned);
    } catch (thrown) {
      try {
        this.#replies.failed(job, thrown);
      } finally {
        abort.dispose();
      }
      return undefined;
    }
    if (later) return this.#settleLater(job, returned, contract);
    this.#settle(job, returned, contract);
    return undefined;
  }

  /** Waits for an asynchronous handler (or runs a streaming one), then settles. Never rejects. */
  async #settleLater(
    job: InFlight,
    returned: unknown,
    contract: RequestContract | undefined,
  ): Promise<void> {
    const abort = job.abort as HandlerAbort;
    try {
      let result = isThenable(returned) ? await returned : returned;
      if (isAsyncGenerator(result))
        result = await streamedResult(result, abort, this.#replies.partSender(job));
      this.#settle(job, result, contract);
    } catch (thrown) {
      try {
        this.#replies.failed(job, thrown);
      } finally {
        abort.dispose();
      }
    } finally {
      this.#forget(job);
    }
  }

  /** The handler's result: checked and sent, unless nobody waits for it any more. */
  #settle(job: InFlight, result: unknown, contract: RequestContract | undefined): void {
    const { envelope, address, requestType } = job;
    const abort = job.abort as HandlerAbort;
    try {
      if (abort.aborted) {
        // Deadline passed, caller cancelled or agent closed: nobody waits for this reply.
        this.#ctx.emit("handler:error", {
          error: ParleyError.from(abort.reason),
          address,
          envelope,
        });
        return;
      }
      const response = checkedResponse(result, requestType, contract);
      this.#replies.finalReply(
        job,
        job.streamed ? { ...response, [STREAM_PARTS_KEY]: job.partsSent } : response,
      );
    } catch (thrown) {
      this.#replies.failed(job, thrown);
    } finally {
      abort.dispose();
    }
  }
}
