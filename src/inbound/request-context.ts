/**
 * The {@link HandlerContext} of one request being handled. A class, not an object literal with a
 * getter and a closure: one is made per request, and its `request` function (bound to the
 * request's deadline and signal) is made only when a handler uses it.
 */
import type { Envelope, Priority } from "../wire/envelope.js";
import type { HandlerAbort } from "./handler-abort.js";
import type { HandlerContext, RequestFn } from "./handler-context.js";

export class RequestContext implements HandlerContext {
  readonly sender: string;
  readonly requestType: string;
  readonly priority: Priority;
  readonly deadline: Date | undefined;
  readonly message: Envelope;
  readonly metadata: Readonly<Record<string, string>>;
  readonly #abort: HandlerAbort;
  readonly #send: RequestFn;
  #request: RequestFn | undefined;

  constructor(
    envelope: Envelope,
    requestType: string,
    abort: HandlerAbort,
    deadline: Date | undefined,
    send: RequestFn,
    metadata: Readonly<Record<string, string>>,
  ) {
    this.metadata = metadata;
    this.sender = envelope.sender_id;
    this.requestType = requestType;
    this.priority = envelope.priority;
    this.deadline = deadline;
    this.message = envelope;
    this.metadata = metadata;
    this.#abort = abort;
    this.#send = send;
  }

  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  /** Sends a request on, giving it no more than the time this request has left. */
  get request(): RequestFn {
    this.#request ??= this.#forward();
    return this.#request;
  }

  #forward(): RequestFn {
    const { deadline } = this;
    const send = this.#send;
    const abort = this.#abort;
    return (to, type, payload, options = {}) => {
      const signal = options.signal ?? abort.signal;
      if (!deadline) return send(to, type, payload, { ...options, signal });
      const left = Math.max(0, deadline.getTime() - Date.now());
      const timeoutMs = Math.min(options.timeout ?? left, left);
      const expiresAt =
        options.expiresAt !== undefined && options.expiresAt < deadline
          ? options.expiresAt
          : deadline;
      return send(to, type, payload, { ...options, timeout: timeoutMs, expiresAt, signal });
    };
  }
}
