/**
 * OpenTelemetry across three agents: "frontdesk" asks "planner", whose handler asks "weather".
 * The OpenTelemetry SDK is set up as an application would (here exporting spans to memory; use
 * an OTLP exporter to send them to Jaeger, Tempo, Honeycomb...), each agent is instrumented, and
 * the trace of one request is printed as a tree: one trace across the three agents.
 *
 *   npx tsx examples/opentelemetry/main.ts [URL]
 */
import { context, propagation, SpanKind, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { createAgent } from "../../src/index.js";
import { openTelemetry } from "../../src/opentelemetry/index.js";
import { exampleTransport } from "../example-transport.js";

// The SDK, registered globally (what @opentelemetry/sdk-node's NodeSDK does for you).
const exporter = new InMemorySpanExporter();
trace.setGlobalTracerProvider(
  new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
);
propagation.setGlobalPropagator(new W3CTraceContextPropagator());
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

const telemetry = await openTelemetry();
function tracedAgent(id: string) {
  const agent = createAgent({ id, transport: exampleTransport() });
  telemetry.instrument(agent);
  return agent;
}
const weather = tracedAgent("weather");
const planner = tracedAgent("planner");
const frontdesk = tracedAgent("frontdesk");
const agents = [weather, planner, frontdesk];
weather.handle<{ city: string }>("forecast", ({ city }) => ({ city, sky: "sunny" }));
planner.handle<{ city: string }>("plan_trip", async ({ city }, ctx) => {
  const forecast = await ctx.request<{ sky: string }>("weather", "forecast", { city });
  return { city, plan: forecast.sky === "sunny" ? "walk by the river" : "visit a museum" };
});
for (const agent of agents) await agent.connect();

const plan = await frontdesk.request("planner", "plan_trip", { city: "Lisbon" });
console.log(`[frontdesk] ${JSON.stringify(plan)}`);

const kinds: Record<number, string> = {
  [SpanKind.CLIENT]: "client",
  [SpanKind.SERVER]: "server",
  [SpanKind.PRODUCER]: "producer",
  [SpanKind.CONSUMER]: "consumer",
};
const ms = (span: ReadableSpan) => (span.duration[0] * 1e3 + span.duration[1] / 1e6).toFixed(1);

/** Prints each span under its parent: name, kind, agent, duration. */
function printTree(spans: readonly ReadableSpan[], parent: string | undefined, depth: number) {
  for (const span of spans) {
    if (span.parentSpanContext?.spanId !== parent) continue;
    const agent = span.attributes["parley.agent"];
    const kind = kinds[span.kind] ?? "internal";
    console.log(`${"  ".repeat(depth)}${span.name}  [${kind}, ${agent}]  ${ms(span)} ms`);
    printTree(spans, span.spanContext().spanId, depth + 1);
  }
}

const spans = exporter.getFinishedSpans();
console.log(`trace ${spans[0]?.spanContext().traceId} (${spans.length} spans):`);
printTree(spans, undefined, 1);

for (const agent of agents) await agent.close();
