/**
 * OpenTelemetry with the SDK registered globally, as applications do: `openTelemetry()` looks for
 * it once. Called before the SDK registers, it records nothing even afterwards (and costs calls
 * nothing); called after, it traces.
 */
import { propagation, SpanKind, trace } from "@opentelemetry/api";
import { afterAll, expect, it } from "vitest";
import { type Agent, createAgent } from "../../src/index.js";
import { openTelemetry } from "../../src/opentelemetry/index.js";
import { createMemoryNetwork, createMemoryTransport } from "../../transports/memory/index.js";
import { startTestSdk, type TestSdk } from "../harness/otel-sdk.js";

const network = createMemoryNetwork();
const agents: Agent[] = [];
let sdk: TestSdk | undefined;

afterAll(async () => {
  await Promise.all(agents.map((a) => a.close()));
  trace.disable();
  propagation.disable();
  await sdk?.shutdown();
});

async function pair(
  prefix: string,
  telemetry: Awaited<ReturnType<typeof openTelemetry>>,
): Promise<Agent> {
  const server = createAgent({
    id: `${prefix}-server`,
    transport: createMemoryTransport({ network }),
  });
  const client = createAgent({
    id: `${prefix}-client`,
    transport: createMemoryTransport({ network }),
  });
  for (const agent of [server, client]) {
    telemetry.instrument(agent);
    await agent.connect();
    agents.push(agent);
  }
  server.handle<{ n: number }>("inc", ({ n }) => ({ n: n + 1 }));
  return client;
}

it("traces only when the SDK was registered before openTelemetry() was called", async () => {
  const early = await pair("early", await openTelemetry());
  sdk = startTestSdk();
  trace.setGlobalTracerProvider(sdk.tracerProvider);
  propagation.setGlobalPropagator(sdk.propagator);

  await expect(early.request("early-server", "inc", { n: 1 })).resolves.toEqual({ n: 2 });
  expect(sdk.spans()).toEqual([]);

  const late = await pair("late", await openTelemetry());
  await expect(late.request("late-server", "inc", { n: 1 })).resolves.toEqual({ n: 2 });
  const spans = await sdk.trace("send inc", 2);
  expect(spans.map((s) => s.kind).sort()).toEqual([SpanKind.SERVER, SpanKind.CLIENT].sort());
  const client = spans.find((s) => s.kind === SpanKind.CLIENT);
  const server = spans.find((s) => s.kind === SpanKind.SERVER);
  expect(server?.parentSpanContext?.spanId).toBe(client?.spanContext().spanId);
});
