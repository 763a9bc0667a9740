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
  const call: InboundCall = {
    kind: job.streamed ? "stream" : "request",
    agent: ctx.id,
    sender: job.envelope.sender_id,
    type: job.requestType,
    payload,
    deadline: context.deadline,
    metadata: job.metadata,
    message: job.envelope,
    transport: ctx.options.transport.name,
    context,
  };
  return runInbound(ctx.interceptors, call, async () => {
    let result: unknown = job.handler(payload, context);
    if (isThenable(result)) result = await result;
    if (isAsyncGenerator(result)) result = await streamedResult(result, abort, sendPart);
    return result;
  });
}
