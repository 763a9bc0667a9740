/**
 * Turning OpenTelemetry on: `openTelemetry()` loads `@opentelemetry/api` (an optional peer
 * dependency, imported only here, when asked) and returns the tracing interceptor and a way to
 * instrument an agent with it and with its metrics. Without a registered SDK the API's no-op
 * tracer and meter record nothing.
 */
import type { MeterProvider, TracerProvider } from "@opentelemetry/api";
import { importOptional } from "../../transports/optional-package.js";
import type { Agent } from "../agent/agent.js";
import type { Interceptor } from "../inbound/handler-context.js";
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
 * Loads `@opentelemetry/api` and returns Parley's instrumentation. Rejects with a
 * `MissingPackageError` naming the package when it is not installed.
 */
export async function openTelemetry(options: OpenTelemetryOptions = {}): Promise<ParleyTelemetry> {
  const api = await importOptional(
    ["@opentelemetry/api"],
    "parley-a2a/opentelemetry",
    () => import("@opentelemetry/api"),
  );
  const tracer = (options.tracerProvider ?? api.trace).getTracer(INSTRUMENTATION_NAME);
  const meter = (options.meterProvider ?? api.metrics).getMeter(INSTRUMENTATION_NAME);
  const interceptor = createTracingInterceptor({
    api,
    tracer,
    propagator: options.propagator ?? api.propagation,
    // The metrics API has no proxy: a meter taken before the SDK registered stays a no-op.
    metrics: new RequestMetrics(meter, meter !== api.createNoopMeter()),
  });
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
