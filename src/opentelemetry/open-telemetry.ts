/**
 * Turning OpenTelemetry on: `openTelemetry()` loads `@opentelemetry/api` (an optional peer
 * dependency, imported only here, when asked) and returns the tracing interceptor and a way to
 * instrument an agent with it and with its metrics. Without a registered SDK the API's no-op
 * tracer and meter record nothing; the interceptor then has no hooks at all, so calls keep the
 * agent's plain path. Hence the rule: register the SDK before calling `openTelemetry()`.
 */
import type { MeterProvider, ProxyTracerProvider, TracerProvider } from "@opentelemetry/api";
import type { Agent } from "../agent/agent.js";
import type { Interceptor } from "../inbound/handler-context.js";
import { importOptional } from "../util/optional-package.js";
import { AgentMetrics } from "./agent-metrics.js";
import { RequestMetrics } from "./request-metrics.js";
import { createTracingInterceptor, type Propagator } from "./tracing-interceptor.js";

/** The instrumentation scope spans and metrics are recorded under. */
export const INSTRUMENTATION_NAME = "parley-a2a";

/** Options for {@link openTelemetry}. */
export interface OpenTelemetryOptions {
  /** Where spans go. @default the global tracer provider (`trace.setGlobalTracerProvider`) */
  readonly tracerProvider?: TracerProvider;
  /** Where metrics go. @default the global meter provider (`metrics.setGlobalMeterProvider`) */
  readonly meterProvider?: MeterProvider;
  /**
   * How trace context is written into and read from transport metadata.
   * @default the global propagator (`propagation.setGlobalPropagator`; the SDKs register W3C
   * Trace Context)
   */
  readonly propagator?: Propagator;
}

/** OpenTelemetry for Parley agents. */
export interface ParleyTelemetry {
  /**
   * The interceptor that traces calls and handlers and times requests. Give it to
   * `createAgent({ interceptors: [...] })` or `agent.use()`, or let {@link instrument} do it.
   */
  readonly interceptor: Interceptor;
  /**
   * Adds {@link interceptor} to `agent` and records its other metrics: refused messages by
   * reason, reconnects, handler backlog. Returns a function that stops both.
   */
  instrument(agent: Agent): () => void;
}

/**
 * False for the API's global provider while no SDK is registered: a `ProxyTracerProvider` without
 * a delegate (`getDelegateTracer` returns undefined) hands out tracers that record nothing.
 * Duck-typed, as the global may come from another copy of the API. Any other provider is taken
 * to record.
 */
function hasTracer(provider: TracerProvider): boolean {
  const proxy = provider as Partial<Pick<ProxyTracerProvider, "getDelegateTracer">>;
  return (
    typeof proxy.getDelegateTracer !== "function" ||
    proxy.getDelegateTracer(INSTRUMENTATION_NAME) !== undefined
  );
}

/**
 * Loads `@opentelemetry/api` and returns Parley's instrumentation. Register the SDK first: with
 * none registered yet, the result records nothing even after one is (and costs calls nothing).
 * Rejects with a
 * `MissingPackageError` naming the package when it is not installed.
 */
export async function openTelemetry(options: OpenTelemetryOptions = {}): Promise<ParleyTelemetry> {
  const api = await importOptional(
    ["@opentelemetry/api"],
    "parley-a2a/opentelemetry",
    () => import("@opentelemetry/api"),
  );
  const tracerProvider = options.tracerProvider ?? api.trace.getTracerProvider();
  const tracer = tracerProvider.getTracer(INSTRUMENTATION_NAME);
  const meter = (options.meterProvider ?? api.metrics).getMeter(INSTRUMENTATION_NAME);
  // The metrics API has no proxy: a meter taken before the SDK registered stays a no-op.
  const metered = meter !== api.createNoopMeter();
  const interceptor: Interceptor =
    metered || hasTracer(tracerProvider)
      ? createTracingInterceptor({
          api,
          tracer,
          propagator: options.propagator ?? api.propagation,
          metrics: new RequestMetrics(meter, metered),
        })
      : // Nothing would be recorded: no hooks, so the agent's calls skip interceptors altogether.
        { name: "opentelemetry" };
  const agentMetrics = new AgentMetrics(meter);
  return {
    interceptor,
    instrument(agent) {
      const removeInterceptor = agent.use(interceptor);
      const stopMetrics = agentMetrics.observe(agent);
      return () => {
        removeInterceptor();
        stopMetrics();
      };
    },
  };
}
