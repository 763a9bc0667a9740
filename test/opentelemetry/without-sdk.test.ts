/**
 * OpenTelemetry turned on in an application that registered no SDK: the API's no-op tracer and
 * meter record nothing, no trace context goes on the wire, and every call works as without it.
 */
import { afterAll, expect, it } from "vitest";
import { type Agent, createAgent, type HandlerContext } from "../../src/index.js";
import { openTelemetry } from "../../src/opentelemetry/index.js";
import { eavesdrop } from "../../testing/conformance/mesh.js";
import { createMemoryNetwork, createMemoryTransport } from "../../transports/memory/index.js";

const network = createMemoryNetwork();
const agents: Agent[] = [];

afterAll(async () => {
  await Promise.all(agents.map((a) => a.close()));
});

it("chains, streams and broadcasts as before, and puts no trace context on the wire", async () => {
  const telemetry = await openTelemetry();
  const agent = async (id: string): Promise<Agent> => {
    const made = createAgent({ id, transport: createMemoryTransport({ network }) });
    telemetry.instrument(made);
    await made.connect();
    agents.push(made);
    return made;
  };
  const raw = createMemoryTransport({ network });
  await raw.connect({ clientId: "listener" });
  const wire = await eavesdrop(raw, "a2a/#");
  const c = await agent("plain-c");
  c.handle<{ n: number }>("inc", ({ n }) => ({ n: n + 1 }));
  c.handle("count", async function* () {
    yield { i: 1 };
    return { done: true };
  });
  const b = await agent("plain-b");
  b.handle<{ n: number }>("inc_twice", async (payload, ctx: HandlerContext) => {
    const once = await ctx.request<{ n: number }>("plain-c", "inc", payload);
    return ctx.request("plain-c", "inc", once);
  });
  const a = await agent("plain-a");
  const heard = new Promise((resolve) => b.on("hello", resolve));

  await expect(a.request("plain-b", "inc_twice", { n: 1 })).resolves.toEqual({ n: 3 });
  const events: string[] = [];
  for await (const event of a.stream("plain-c", "count")) events.push(event.kind);
  expect(events).toEqual(["part", "response"]);
  await a.broadcast("hello", {});
  await heard;

  const requests = wire.messages.filter((m) => m.address.endsWith("/request"));
  expect(requests.length).toBe(4);
  for (const message of wire.messages) expect(message.metadata).not.toHaveProperty("traceparent");
  await raw.close();
});
