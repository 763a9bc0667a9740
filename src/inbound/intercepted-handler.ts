/**
 * A request handler run inside the agent's interceptors: they see the caller, the request, its
 * deadline and inbound metadata, and the handler (a streaming one to its end) runs inside their
 * `next()`, in the same async context. Used only when the agent has interceptors.
 */
import type { AgentContext } from "../agent/context.js";
import { runInbound } from "../interceptors/chain.js";
import type { JsonObject } from "../wire/envelope.js";
import { isAsyncGenerator, streamedResult } from "../wire/stream-protocol.js";
import type { HandlerAbort } from "./handler-abort.js";
import type { InboundCall } from "./handler-context.js";
import { isThenable } from "./handler-result.js";
import type { InFlight } from "./in-flight-request.js";
import type { RequestContext } from "./request-context.js";

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
