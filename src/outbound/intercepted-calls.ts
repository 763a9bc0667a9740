/**
 * Requests, streams and broadcasts that go through the agent's interceptors and fault policies:
 * each attempt runs the interceptors around the send; an idempotent request that fails with a
 * code that may succeed later is tried again after a backoff, never past its deadline, with the
 * same correlation id; a target whose circuit is open is not asked at all. An agent without
 * interceptors, retries or breakers sends without coming here (`Agent.request`'s plain branch).
 */
import type { AgentContext } from "../agent/context.js";
import { ErrorCode, isParleyError, ParleyError } from "../errors/parley-error.js";
import type { Interceptor, RequestOptions } from "../inbound/handler-context.js";
import { interceptorsOf, notifyPart, runOutbound } from "../interceptors/chain.js";
import { metadataOf, OutboundCallState } from "../interceptors/outbound-call.js";
import { AsyncQueue } from "../util/async-queue.js";
import type { JsonObject } from "../wire/envelope.js";
import type { StreamEvent } from "../wire/stream-protocol.js";
import { broadcastEnvelope } from "./broadcast-message.js";
import type { CircuitBreakers } from "./circuit-breakers.js";
import type { OutboundRequests } from "./outbound-requests.js";
import { retryPlan, waitBeforeRetry } from "./retry.js";

export class InterceptedCalls {
  readonly #ctx: AgentContext;
  readonly #outbound: OutboundRequests;
  readonly #breakers: CircuitBreakers | undefined;

  constructor(
    ctx: AgentContext,
    outbound: OutboundRequests,
    breakers: CircuitBreakers | undefined,
  ) {
    this.#ctx = ctx;
    this.#outbound = outbound;
    this.#breakers = breakers;
  }

  /** False when a request needs none of this: it takes the plain path. */
  needed(options: RequestOptions): boolean {
    return (
      this.#ctx.interceptors.length > 0 ||
      options.interceptors !== undefined ||
      this.#breakers !== undefined ||
      this.#ctx.options.retry !== undefined ||
      options.retry !== undefined
    );
  }

  request(
    to: string,
    type: string,
    payload: JsonObject,
    options: RequestOptions,
  ): Promise<unknown> {
    const interceptors = interceptorsOf(this.#ctx.interceptors, options);
    // Every attempt shares the correlation id: a responder answers a repeat from its reply cache.
    const correlationId = crypto.randomUUID();
    if (this.#ctx.options.retry === undefined && options.retry === undefined)
      // One attempt, nothing to plan: no retry state and no promise of our own around it.
      return runOutbound(
        interceptors,
        this.#call(to, type, payload, options, 1, correlationId),
        this.#sendAttempt,
      );
    return this.#retried(interceptors, to, type, payload, options, correlationId);
  }

  async #retried(
    interceptors: readonly Interceptor[],
    to: string,
    type: string,
    payload: JsonObject,
    options: RequestOptions,
    correlationId: string,
  ): Promise<unknown> {
    const plan = retryPlan(this.#ctx.options, type, options);
    for (let attempt = 1; ; attempt++) {
      const call = this.#call(to, type, payload, plan.optionsFor(attempt), attempt, correlationId);
      try {
        return await runOutbound(interceptors, call, this.#sendAttempt);
      } catch (error) {
        if (!(await waitBeforeRetry(plan, attempt, error, options.signal))) {
          if (attempt > 1 && isParleyError(error))
            (error.details as Record<string, unknown>).attempts = attempt;
          throw error;
        }
      }
    }
  }

  #call(
    to: string,
    type: string,
    payload: JsonObject,
    options: RequestOptions,
    attempt: number,
    correlationId: string,
  ): OutboundCallState {
    const { id, transport } = this.#ctx.options;
    return new OutboundCallState(
      "request",
      id,
      to,
      type,
      payload,
      options,
      attempt,
      transport.name,
      correlationId,
    );
  }

  /** `#send`, made once: the last step of every attempt's chain. */
  readonly #sendAttempt = (call: OutboundCallState): Promise<unknown> => this.#send(call);

  /** One attempt: past the target's circuit breaker, then sent. */
  #send(call: OutboundCallState): Promise<unknown> {
    const to = targetOf(call);
    const breakers = this.#breakers;
    if (breakers === undefined)
      return this.#outbound.request(to, call.type, call.payload, call.options, call);
    const refused = breakers.admit(to);
    if (refused) return Promise.reject(refused);
    return this.#outbound.request(to, call.type, call.payload, call.options, call).then(
      (response) => {
        breakers.record(to, undefined);
        return response;
      },
      (error: unknown) => {
        breakers.record(to, error);
        throw error;
      },
    );
  }

  /**
   * A streamed request through the interceptors (one attempt: parts already delivered cannot be
   * taken back). Each part is shown to `onPart`, then handed on only when the caller takes it, so
   * the stream's buffer bound still holds.
   */
  stream(
    to: string,
    type: string,
    payload: JsonObject,
    options: RequestOptions,
  ): AsyncIterable<StreamEvent<unknown, unknown>> {
    const interceptors = interceptorsOf(this.#ctx.interceptors, options);
    const { id, transport } = this.#ctx.options;
    const call = new OutboundCallState(
      "stream",
      id,
      to,
      type,
      payload,
      options,
      1,
      transport.name,
      undefined,
    );
    let release: (() => void) | undefined;
    // The caller left the loop early: the request is cancelled (the responder told to stop) and
    // the interceptors see `cancelled`, at once, not at the next part.
    const stop = new AbortController();
    const taken = (): void => {
      const r = release;
      release = undefined;
      r?.();
    };
    const queue = new AsyncQueue<StreamEvent<unknown, unknown>>(() => {
      stop.abort(
        new ParleyError(ErrorCode.cancelled, `the caller stopped reading stream "${type}"`),
      );
      taken();
    }, taken);
    const send = async (): Promise<unknown> => {
      const target = targetOf(call);
      const refused = this.#breakers?.admit(target);
      if (refused) throw refused;
      const outer = call.options.signal;
      const signal = outer === undefined ? stop.signal : AbortSignal.any([outer, stop.signal]);
      const options = { ...call.options, signal };
      const events = this.#outbound.stream(target, call.type, call.payload, options, call);
      try {
        for await (const event of events) {
          if (event.kind === "response") {
            this.#breakers?.record(target, undefined);
            return event.data;
          }
          notifyPart(interceptors, call, event.data);
          if (stop.signal.aborted) break;
          const handed = new Promise<void>((resolve) => {
            release = resolve;
          });
          queue.push(event);
          await handed;
          if (stop.signal.aborted) break;
        }
      } catch (error) {
        this.#breakers?.record(target, error);
        throw error;
      }
      // Left early (the caller stopped reading): the stream ends for the interceptors too.
      throw stop.signal.reason ?? new ParleyError(ErrorCode.cancelled, `stream "${type}" ended`);
    };
    runOutbound(interceptors, call, send).then(
      (response) => {
        queue.push({ kind: "response", data: response });
        queue.end();
      },
      (error: unknown) => queue.fail(error),
    );
    return queue;
  }

  /** A broadcast through the interceptors, built from the payload and options they leave. */
  broadcast(type: string, payload: JsonObject, options: RequestOptions): Promise<void> {
    const interceptors = interceptorsOf(this.#ctx.interceptors, options);
    const { id, transport } = this.#ctx.options;
    const call = new OutboundCallState(
      "broadcast",
      id,
      null,
      type,
      payload,
      options,
      1,
      transport.name,
      undefined,
    );
    return runOutbound(interceptors, call, async () => {
      const { options: agent } = this.#ctx;
      const envelope = broadcastEnvelope(agent, type, call.payload, call.options.priority);
      call.messageId = envelope.id;
      const metadata = metadataOf(call);
      await this.#ctx.send(envelope, "broadcast", metadata && { metadata });
      return undefined;
    }).then(() => undefined);
  }
}

function targetOf(call: OutboundCallState): string {
  if (typeof call.to === "string" && call.to.length > 0) return call.to;
  throw new ParleyError(
    ErrorCode.invalid_request,
    `an interceptor left request "${call.type}" without a target`,
  );
}
