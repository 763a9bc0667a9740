/**
 * Tracing as one interceptor pair, written only against the public interceptor API: a client
 * span around each request attempt (a producer span for a broadcast) whose context travels as
 * W3C `traceparent`/`tracestate` in the call's transport metadata, and a server span around each
 * handler (a consumer span around broadcast listeners) continuing it. The handler runs inside its
 * span's context, so its own `ctx.request()` and `delegate()` calls become its children.
 */
import type * as OTel from "@opentelemetry/api";
import type { InboundCall, Interceptor, Next, OutboundCall } from "../inbound/handler-context.js";
import { type CallDone, type RequestMetrics, timed } from "./request-metrics.js";
import {
  errorTypeOf,
  inboundAttributes,
  outboundAttributes,
  ParleyAttribute,
  spanName,
} from "./span-attributes.js";

/** Injects into and extracts from string maps: the global propagation API or a propagator. */
export type Propagator = Pick<OTel.TextMapPropagator, "inject" | "extract">;

/** What the interceptor records with. */
export interface TracingParts {
  /** `@opentelemetry/api`, loaded when tracing was turned on. */
  readonly api: typeof OTel;
  readonly tracer: OTel.Tracer;
  readonly propagator: Propagator;
  readonly metrics: RequestMetrics;
}

/** The correlation id of an outbound call, where the agent exposes it (it does not have to). */
function correlationIdOf(call: OutboundCall): string | undefined {
  const id = (call as { readonly correlationId?: unknown }).correlationId;
  return typeof id === "string" ? id : undefined;
}

export function createTracingInterceptor(parts: TracingParts): Interceptor {
  const { api, tracer, propagator, metrics } = parts;
  const { context, trace, SpanKind, SpanStatusCode, ROOT_CONTEXT } = api;
  const setter = api.defaultTextMapSetter;
  const getter = api.defaultTextMapGetter;
  /** Streamed calls' spans and the parts seen so far, for `onPart`. */
  const streams = new WeakMap<OutboundCall, { readonly span: OTel.Span; parts: number }>();

  /**
   * A span with nothing to record and no context to pass on: no SDK is registered (the API's
   * no-op tracer). The call then goes on as if untraced. A span the sampler dropped still has a
   * valid context, which is passed on so the rest of the chain makes the same decision.
   */
  function inert(span: OTel.Span): boolean {
    return !span.isRecording() && !trace.isSpanContextValid(span.spanContext());
  }

  function failed(span: OTel.Span, error: unknown, inbound: boolean): void {
    span.setAttribute(ParleyAttribute.errorType, errorTypeOf(error, inbound));
    if (error instanceof Error) span.recordException(error);
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: error instanceof Error ? error.message : String(error),
    });
  }

  /** Runs `next` inside `span`'s context; ends the span and the metric with its outcome. */
  async function within(
    span: OTel.Span,
    active: OTel.Context,
    next: Next,
    done: CallDone,
    inbound: boolean,
    end?: () => void,
  ): Promise<unknown> {
    try {
      const result = await context.with(active, next);
      done(undefined, false);
      return result;
    } catch (error) {
      failed(span, error, inbound);
      done(error, true);
      throw error;
    } finally {
      end?.();
      span.end();
    }
  }

  return {
    name: "opentelemetry",

    outbound(call: OutboundCall, next: Next): Promise<unknown> {
      const parent = context.active();
      const kind = call.kind === "broadcast" ? SpanKind.PRODUCER : SpanKind.CLIENT;
      // Attributes only once the span records: building them costs more than the rest when no
      // SDK is registered. A sampler sees the span's name and kind, not its attributes.
      const span = tracer.startSpan(spanName("send", call.type), { kind }, parent);
      const done = metrics.outbound(call);
      if (inert(span)) return timed(next(), done);
      if (span.isRecording()) {
        span.setAttributes(outboundAttributes(call));
        if (call.attempt > 1) span.addEvent("retry", { [ParleyAttribute.attempt]: call.attempt });
        if (call.kind === "stream") streams.set(call, { span, parts: 0 });
      }
      const active = trace.setSpan(parent, span);
      propagator.inject(active, call.metadata, setter);
      return within(span, active, next, done, false, () => {
        // Known only once the envelope was built, inside `next`.
        if (call.messageId !== undefined)
          span.setAttribute(ParleyAttribute.messageId, call.messageId);
        const conversation = correlationIdOf(call);
        if (conversation !== undefined)
          span.setAttribute(ParleyAttribute.conversationId, conversation);
      });
    },

    onPart(call: OutboundCall): void {
      const stream = streams.get(call);
      if (stream) stream.span.addEvent("part", { "parley.part": stream.parts++ });
    },

    inbound(call: InboundCall, next: Next): Promise<unknown> {
      // The caller's context, from the metadata; without one the handler's span starts a trace.
      const parent = propagator.extract(ROOT_CONTEXT, call.metadata, getter);
      const kind = call.kind === "broadcast" ? SpanKind.CONSUMER : SpanKind.SERVER;
      const span = tracer.startSpan(spanName("process", call.type), { kind }, parent);
      const done = metrics.inbound(call);
      if (inert(span)) return timed(next(), done);
      if (span.isRecording()) span.setAttributes(inboundAttributes(call));
      return within(span, trace.setSpan(parent, span), next, done, true);
    },
  };
}
