/**
 * Calling a request's handler: directly, or, when the agent has interceptors, inside them: they
 * see the caller, the request, its deadline and inbound metadata, and the handler (a streaming
 * one to its end) runs inside their `next()`, in the same async context.
 */
import type { AgentContext } from "../agent/context.js";
import { runInbound } from "../interceptors/chain.js";
import type { JsonObject } from "../wire/envelope.js";
import { isAsyncGenerator, streamedResult } from "../wire/stream-protocol.js";
import type { HandlerAbort } from "./handler-abort.js";
import type { InboundCall, RequestFn } from "./handler-context.js";
import { isThenable } from "./handler-result.js";
import type { InFlight } from "./in-flight-request.js";
import { RequestContext } from "./request-context.js";
import type { RequestReplies } from "./request-replies.js";

/** What the handler of `job` returned (with interceptors: a promise of its result, after them). */
export function callHandler(
  ctx: AgentContext,
  job: InFlight,
  payload: JsonObject,
  deadline: Date | undefined,
  request: RequestFn,
  replies: RequestReplies,
): unknown {
  const abort = job.abort as HandlerAbort;
  const { envelope, requestType, metadata } = job;
  const context = new RequestContext(envelope, requestType, abort, deadline, request, metadata);
  if (ctx.interceptors.length === 0) return job.handler(payload, context);
  return interceptedHandler(ctx, job, payload, context, abort, replies.partSender(job));
}

/** The handler's result (a streamed one's final response), after the interceptors. */
export function interceptedHandler(
  ctx: AgentContext,
  job: InFlight,
  payload: JsonObject,
  context: RequestContext,
  abort: HandlerAbort,
  sendPart: ((data: unknown) => void) | undefined,
): Promise<unknown> {
  const call = new InterceptedRequest(ctx, job, payload, context, abort, sendPart);
  return runInbound(ctx.interceptors, call, runHandler);
}

/**
 * A request as the interceptors see it. What running its handler needs is kept in private
 * fields: interceptors that log or copy the call see only the call.
 */
class InterceptedRequest implements InboundCall {
  readonly kind;
  readonly agent;
  readonly sender;
  readonly type;
  readonly deadline;
  readonly metadata;
  readonly message;
  readonly transport;
  readonly #handler;
  readonly #abort;
  readonly #sendPart;

  constructor(
    ctx: AgentContext,
    job: InFlight,
    readonly payload: JsonObject,
    readonly context: RequestContext,
    abort: HandlerAbort,
    sendPart: ((data: unknown) => void) | undefined,
  ) {
    this.kind = job.streamed ? ("stream" as const) : ("request" as const);
    this.agent = ctx.id;
    this.sender = job.envelope.sender_id;
    this.type = job.requestType;
    this.deadline = context.deadline;
    this.metadata = job.metadata;
    this.message = job.envelope;
    this.transport = ctx.options.transport.name;
    this.#handler = job.handler;
    this.#abort = abort;
    this.#sendPart = sendPart;
  }

  /** Runs the handler: a promise of its result, a streamed one's final response. */
  handle(): Promise<unknown> {
    const handler = this.#handler;
    const result: unknown = handler(this.payload, this.context);
    if (isThenable(result) || isAsyncGenerator(result)) return this.#settled(result);
    return Promise.resolve(result);
  }

  async #settled(returned: unknown): Promise<unknown> {
    const result = isThenable(returned) ? await returned : returned;
    if (!isAsyncGenerator(result)) return result;
    return streamedResult(result, this.#abort, this.#sendPart);
  }
}

/** The last step of the chain, the same function for every call. */
const runHandler = (call: InterceptedRequest): Promise<unknown> => call.handle();
