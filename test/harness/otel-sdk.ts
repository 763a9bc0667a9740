/**
 * The real OpenTelemetry SDK for tests: a tracer provider exporting to memory, a meter provider
 * read on demand, the W3C Trace Context propagator, and the AsyncLocalStorage context manager
 * (registered globally while the SDK is up: the API's `context` is global). Nothing is mocked.
 */
import { context } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import {
  type DataPoint,
  MeterProvider,
  type MetricData,
  MetricReader,
} from "@opentelemetry/sdk-metrics";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { eventually } from "../../testing/conformance/mesh.js";

/** A reader that collects only when asked (no timer). */
class PullReader extends MetricReader {
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}

export interface TestSdk {
  readonly tracerProvider: BasicTracerProvider;
  readonly meterProvider: MeterProvider;
  readonly propagator: W3CTraceContextPropagator;
  /** Ended spans so far. */
  spans(): ReadableSpan[];
  /** Waits until `count` spans of the trace with a span named `rootName` have ended. */
  trace(rootName: string, count: number): Promise<ReadableSpan[]>;
  /** The metric named `name` as collected now, or undefined. */
  metric(name: string): Promise<MetricData | undefined>;
  /** Forgets the spans ended so far. */
  reset(): void;
  shutdown(): Promise<void>;
}

export function startTestSdk(): TestSdk {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const reader = new PullReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  const spans = () => exporter.getFinishedSpans();
  return {
    tracerProvider,
    meterProvider,
    propagator: new W3CTraceContextPropagator(),
    spans,
    async trace(rootName, count) {
      let found: ReadableSpan[] = [];
      await eventually(
        () => {
          const root = spans().find((s) => s.name === rootName);
          const traceId = root?.spanContext().traceId;
          found = spans().filter((s) => s.spanContext().traceId === traceId);
          return found.length >= count;
        },
        `${count} spans in the trace of "${rootName}"`,
        15_000,
      );
      return found;
    },
    async metric(name) {
      const { resourceMetrics } = await reader.collect();
      for (const scope of resourceMetrics.scopeMetrics)
        for (const metric of scope.metrics) if (metric.descriptor.name === name) return metric;
      return undefined;
    },
    reset: () => exporter.reset(),
    async shutdown() {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
      context.disable();
    },
  };
}

/** The data points of a metric whose attributes include `attributes`. */
export function pointsWith(
  metric: MetricData | undefined,
  attributes: Record<string, unknown>,
): DataPoint<unknown>[] {
  const points = (metric?.dataPoints ?? []) as DataPoint<unknown>[];
  return points.filter((p) =>
    Object.entries(attributes).every(([key, value]) => p.attributes[key] === value),
  );
}

/** The span tree of one trace, one line per span, children indented under their parent. */
export function spanTree(spans: readonly ReadableSpan[]): string[] {
  const ids = new Set(spans.map((s) => s.spanContext().spanId));
  const children = new Map<string | undefined, ReadableSpan[]>();
  for (const span of [...spans].sort((a, b) => compareTime(a.startTime, b.startTime))) {
    const parent = span.parentSpanContext?.spanId;
    const key = parent !== undefined && ids.has(parent) ? parent : undefined;
    children.set(key, [...(children.get(key) ?? []), span]);
  }
  const lines: string[] = [];
  const walk = (parent: string | undefined, depth: number): void => {
    for (const span of children.get(parent) ?? []) {
      lines.push(`${"  ".repeat(depth)}${span.name}`);
      walk(span.spanContext().spanId, depth + 1);
    }
  };
  walk(undefined, 0);
  return lines;
}

function compareTime(a: readonly [number, number], b: readonly [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}
