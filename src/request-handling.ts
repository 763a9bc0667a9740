/**
 * The receive path for requests: expiry, handler lookup, priority dispatch with bounded
 * concurrency, contract validation, the handler itself (plain or streaming), cancellation by the
 * caller, and the reply. Every failure ends in a typed error reply to the sender and a local
 * event; nothing here throws to the transport.
 */
import type { AgentCore } from "./agent-core.js";
import { BoundedCache } from "./bounded-cache.js";
import type { RequestContract } from "./contracts.js";
import { createDispatcher, type Dispatcher } from "./dispatcher.js";
import {
  createEnvelope,
  type Envelope,
  epochMsOf,
  isExpired,
  type JsonObject,
  MessageType,
} from "./envelope.js";
import { errorPayload } from "./error-payload.js";
import { ErrorCode, ParleyError } from "./errors.js";
import { HandlerAbort } from "./handler-abort.js";
import type { RequestFn, RequestHandler } from "./handler-context.js";
import { RequestContext } from "./request-context.js";
import { isAsyncGenerator, STREAM_PART_KEY, STREAM_REQUEST_KEY } from "./stream-protocol.js";
import { validationError } from "./validation-error.js";

/** A request between arrival and reply. */
interface InFlight {
  readonly envelope: Envelope;
  abort: HandlerAbort | undefined;
  cancelled: boolean;
}

export class RequestHandling {
  readonly #core: AgentCore;
  readonly #handlers = new Map<string, RequestHandler>();
  readonly #dispatcher: Dispatcher;
  readonly #inFlight = new Map<string, InFlight>();
  /** Final replies by request key, to answer a redelivered (QoS 1 duplicate) request without running it again. */
  readonly #replies: BoundedCache<string, JsonObject>;
  readonly #request: RequestFn;

  constructor(core: AgentCore, request: RequestFn) {
    this.#core = core;
    this.#request = request;
    this.#replies = new BoundedCache(core.options.responseCacheSize);
    this.#dispatcher = createDispatcher({
      concurrency: core.options.concurrency,
      maxQueue: core.options.maxQueue,
    });
  }

  /** Registers a handler; returns a function that removes it. */
  register(requestType: string, handler: RequestHandler): () => void {
    if (typeof requestType !== "string" || requestType.length === 0)
      throw new TypeError("request type must be a non-empty string");
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

  /** In-flight work relative to capacity: 0 idle, 1 saturated, above 1 backlogged. */
  load(): number {
    return (this.#dispatcher.active + this.#dispatcher.queued) / this.#core.options.concurrency;
  }

  /** Handles one decoded request envelope. */
  receive(envelope: Envelope, address: string): void {
    const requestType = envelope.payload.request_type;
    if (typeof requestType !== "string" || requestType.length === 0) {
      this.#fail(
        envelope,
        address,
        undefined,
        new ParleyError(ErrorCode.invalid_request, "request has no payload.request_type"),
      );
      return;
    }
    if (isExpired(envelope)) {
      this.#fail(envelope, address, requestType, expiredError(envelope));
      return;
    }
    const handler = this.#handlers.get(requestType);
    if (!handler) {
      const message = `agent "${this.#core.id}" has no handler for "${requestType}"`;
      this.#fail(
        envelope,
        address,
        requestType,
        new ParleyError(ErrorCode.unknown_request_type, message, {
          details: { request_type: requestType, served: this.requestTypes() },
        }),
      );
      return;
    }
    const key = inFlightKey(envelope);
    if (key !== undefined && this.#isDuplicate(key, envelope)) return;
    const entry: InFlight = { envelope, abort: undefined, cancelled: false };
    if (key) this.#inFlight.set(key, entry);
    this.#dispatcher.submit({
      priority: envelope.priority,
      run: async () => {
        try {
          if (!entry.cancelled) await this.#run(envelope, address, requestType, handler, entry);
        } finally {
          if (key) this.#inFlight.delete(key);
        }
      },
      shed: (why) => {
        if (key) this.#inFlight.delete(key);
        const error =
          why === "drained"
            ? new ParleyError(
                ErrorCode.unavailable,
                `agent "${this.#core.id}" closed before handling the request`,
              )
            : new ParleyError(
                ErrorCode.overloaded,
                `agent "${this.#core.id}" is overloaded; request shed`,
                { details: { max_queue: this.#core.options.maxQueue } },
              );
        this.#fail(envelope, address, requestType, error);
      },
    });
  }

  /** True when this request (sender and correlation id) is being handled or its reply is cached. */
  knows(envelope: Envelope): boolean {
    const key = inFlightKey(envelope);
    return key !== undefined && (this.#inFlight.has(key) || this.#replies.has(key));
  }

  /** A request seen before: answered again from the cache, or already being handled. */
  #isDuplicate(key: string, envelope: Envelope): boolean {
    if (this.#inFlight.has(key)) return true;
    const reply = this.#replies.get(key);
    if (reply === undefined) return false;
    this.#reply(envelope, reply);
    return true;
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
        `agent "${this.#core.id}" closed while handling the request`,
      );
      const requestType = String(entry.envelope.payload.request_type);
      this.#reply(entry.envelope, errorPayload(error, requestType));
    }
  }

  async #run(
    envelope: Envelope,
    address: string,
    requestType: string,
    handler: RequestHandler,
    entry: InFlight,
  ): Promise<void> {
    if (isExpired(envelope)) {
      this.#fail(envelope, address, requestType, expiredError(envelope));
      return;
    }
    const { request_type: _type, [STREAM_REQUEST_KEY]: streamed, ...payload } = envelope.payload;
    const contract = this.#contract(requestType);
    const requestIssues = contract?.validateRequest(payload) ?? [];
    if (requestIssues.length > 0) {
      this.#fail(
        envelope,
        address,
        requestType,
        validationError(ErrorCode.invalid_request, `request for "${requestType}"`, requestIssues),
      );
      return;
    }
    const deadline =
      envelope.expires_at === null ? undefined : new Date(epochMsOf(envelope.expires_at));
    const abort = new HandlerAbort(deadline?.getTime(), () => expiredError(envelope));
    entry.abort = abort;
    try {
      const context = new RequestContext(envelope, requestType, abort, deadline, this.#request);
      // No await for a handler that answers synchronously: each one is a microtask hop.
      let returned: unknown = handler(payload, context);
      if (isThenable(returned)) returned = await returned;
      const result = isAsyncGenerator(returned)
        ? await this.#streamed(returned, envelope, streamed === true, abort)
        : returned;
      if (abort.aborted) {
        // Deadline passed, caller cancelled or agent closed: nobody waits for this reply.
        this.#core.emit("handler:error", {
          error: ParleyError.from(abort.reason),
          address,
          envelope,
        });
        return;
      }
      if (typeof result !== "object" || result === null || Array.isArray(result)) {
        const got = Array.isArray(result) ? "an array" : typeof result;
        throw new ParleyError(
          ErrorCode.handler_failed,
          `handler for "${requestType}" returned ${got}, not an object`,
        );
      }
      const issues = contract?.validateResponse(result) ?? [];
      if (issues.length > 0)
        throw validationError(ErrorCode.invalid_response, `response for "${requestType}"`, issues);
      this.#finalReply(envelope, result as JsonObject);
    } catch (thrown) {
      const error = ParleyError.from(thrown);
      this.#core.emit("handler:error", { error, address, envelope });
      if (!abort.aborted) this.#finalReply(envelope, errorPayload(error, requestType));
    } finally {
      abort.dispose();
    }
  }

  /**
   * The final response of a streaming handler: each value it yields is sent as a part (when the
   * caller asked for a stream) and its return value is the response.
   */
  async #streamed(
    result: AsyncGenerator<unknown, unknown, unknown>,
    request: Envelope,
    streamed: boolean,
    signal: HandlerAbort,
  ): Promise<unknown> {
    let seq = 0;
    for (;;) {
      if (signal.aborted) {
        await result.return(undefined);
        return undefined;
      }
      const step = await result.next();
      if (step.done) return step.value;
      if (streamed && !signal.aborted)
        this.#reply(request, { [STREAM_PART_KEY]: { seq: seq++, data: step.value } });
    }
  }

  #contract(requestType: string): RequestContract | undefined {
    const { contracts, validate } = this.#core.options;
    return validate ? contracts?.requests[requestType] : undefined;
  }

  /** Sends the handler's outcome and remembers it for a duplicate of the request. */
  #finalReply(request: Envelope, payload: JsonObject): void {
    const key = inFlightKey(request);
    if (key !== undefined) this.#replies.set(key, payload);
    this.#reply(request, payload);
  }

  #reply(request: Envelope, payload: JsonObject): void {
    const response = createEnvelope({
      // A pool member answers as the pool it was addressed by, so the caller's check passes.
      sender_id: this.#core.answersAs(request.recipient_id),
      recipient_id: request.sender_id,
      message_type: MessageType.response,
      priority: request.priority,
      payload,
      correlation_id: request.correlation_id,
    });
    // Held through an outage until the caller's deadline at most.
    const deadline = request.expires_at === null ? undefined : epochMsOf(request.expires_at);
    this.#core.sendQuietly(
      response,
      "response",
      deadline === undefined ? undefined : { holdUntil: deadline },
    );
  }

  #fail(
    envelope: Envelope,
    address: string,
    requestType: string | undefined,
    error: ParleyError,
  ): void {
    this.#core.emit("message:rejected", { error, address, envelope });
    this.#reply(envelope, errorPayload(error, requestType));
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as PromiseLike<unknown>).then === "function"
  );
}

function inFlightKey(envelope: Envelope): string | undefined {
  return envelope.correlation_id === null
    ? undefined
    : `${envelope.sender_id}\u0000${envelope.correlation_id}`;
}

function expiredError(envelope: Envelope): ParleyError {
  return new ParleyError(ErrorCode.expired, `request expired at ${envelope.expires_at}`, {
    details: { expires_at: envelope.expires_at },
  });
}
