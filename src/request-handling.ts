/**
 * The receive path for requests: expiry, handler lookup, priority dispatch with bounded
 * concurrency, contract validation, the handler itself (plain or streaming), cancellation by the
 * caller, and the reply. Every failure ends in a typed error reply to the sender and a local
 * event; nothing here throws to the transport.
 */
import type { AgentCore } from "./agent-core.js";
import { BoundedCache } from "./bounded-cache.js";
import type { RequestContract } from "./contracts.js";
import { createDispatcher, type Dispatcher, type Job, type ShedReason } from "./dispatcher.js";
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
import {
  isAsyncGenerator,
  STREAM_PART_KEY,
  STREAM_PARTS_KEY,
  STREAM_REQUEST_KEY,
} from "./stream-protocol.js";
import { validationError } from "./validation-error.js";

/** What runs or sheds the dispatcher's jobs: the request handling they belong to. */
interface JobHost {
  run(job: InFlight): Promise<void> | undefined;
  shed(job: InFlight, why: ShedReason): void;
}

/**
 * A request between arrival and reply, and the dispatcher's job for it: one object per request,
 * not a job literal with closures beside the entry.
 */
class InFlight implements Job {
  abort: HandlerAbort | undefined = undefined;
  cancelled = false;
  /** The caller asked for a stream: the final response says how many parts were sent. */
  streamed = false;
  partsSent = 0;

  constructor(
    readonly envelope: Envelope,
    readonly address: string,
    readonly requestType: string,
    readonly handler: RequestHandler,
    /** Sender and correlation id (see {@link inFlightKey}); undefined without a correlation id. */
    readonly key: string | undefined,
    readonly host: JobHost,
  ) {}

  get priority(): number {
    return this.envelope.priority;
  }

  run(): Promise<void> | undefined {
    return this.host.run(this);
  }

  shed(why: ShedReason): void {
    this.host.shed(this, why);
  }
}

export class RequestHandling {
  readonly #core: AgentCore;
  readonly #handlers = new Map<string, RequestHandler>();
  readonly #dispatcher: Dispatcher;
  readonly #inFlight = new Map<string, InFlight>();
  /** Final replies by request key, to answer a redelivered (QoS 1 duplicate) request without running it again. */
  readonly #replies: BoundedCache<string, JsonObject>;
  readonly #request: RequestFn;
  readonly #jobs: JobHost = {
    run: (job) => this.#run(job),
    shed: (job, why) => this.#shed(job, why),
  };

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
    const job = new InFlight(envelope, address, requestType, handler, key, this.#jobs);
    if (key) this.#inFlight.set(key, job);
    this.#dispatcher.submit(job);
  }

  #shed(job: InFlight, why: ShedReason): void {
    if (job.key) this.#inFlight.delete(job.key);
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
    this.#fail(job.envelope, job.address, job.requestType, error);
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
    const { envelope, address, requestType, handler } = job;
    if (isExpired(envelope)) {
      this.#fail(envelope, address, requestType, expiredError(envelope));
      return undefined;
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
      return undefined;
    }
    const deadline =
      envelope.expires_at === null ? undefined : new Date(epochMsOf(envelope.expires_at));
    const abort = new HandlerAbort(deadline?.getTime(), () => expiredError(envelope));
    job.abort = abort;
    job.streamed = streamed === true;
    let returned: unknown;
    let later: boolean;
    try {
      returned = handler(
        payload,
        new RequestContext(envelope, requestType, abort, deadline, this.#request),
      );
      // Inside the try: reading `then` of what a handler returned may throw (a revoked Proxy).
      later = isThenable(returned) || isAsyncGenerator(returned);
    } catch (thrown) {
      try {
        this.#failed(job, thrown);
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
      if (isAsyncGenerator(result)) result = await this.#streamed(result, job, abort);
      this.#settle(job, result, contract);
    } catch (thrown) {
      try {
        this.#failed(job, thrown);
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
      this.#finalReply(
        job,
        job.streamed ? { ...result, [STREAM_PARTS_KEY]: job.partsSent } : (result as JsonObject),
      );
    } catch (thrown) {
      this.#failed(job, thrown);
    } finally {
      abort.dispose();
    }
  }

  /** The handler threw (or its result was refused): reported, and the caller told unless it gave up. */
  #failed(job: InFlight, thrown: unknown): void {
    const error = ParleyError.from(thrown);
    this.#core.emit("handler:error", { error, address: job.address, envelope: job.envelope });
    if (!job.abort?.aborted) this.#finalReply(job, errorPayload(error, job.requestType));
  }

  /**
   * The final response of a streaming handler: each value it yields is sent as a part (when the
   * caller asked for a stream) and its return value is the response.
   */
  async #streamed(
    result: AsyncGenerator<unknown, unknown, unknown>,
    job: InFlight,
    signal: HandlerAbort,
  ): Promise<unknown> {
    for (;;) {
      if (signal.aborted) {
        await result.return(undefined);
        return undefined;
      }
      const step = await result.next();
      if (step.done) return step.value;
      if (job.streamed && !signal.aborted)
        this.#reply(job.envelope, {
          [STREAM_PART_KEY]: { seq: job.partsSent++, data: step.value },
        });
    }
  }

  #contract(requestType: string): RequestContract | undefined {
    const { contracts, validate } = this.#core.options;
    return validate ? contracts?.requests[requestType] : undefined;
  }

  /** Sends the handler's outcome and remembers it for a duplicate of the request. */
  #finalReply(job: InFlight, payload: JsonObject): void {
    if (job.key !== undefined) this.#replies.set(job.key, payload);
    this.#reply(job.envelope, payload);
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
