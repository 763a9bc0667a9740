/** `parley watch` tails the traffic: request/response pairs with latency, filters, JSON, malformed input. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Agent, createAgent } from "../../src/index.js";
import { createEnvelope, encodeEnvelope, MessageType } from "../../src/transport.js";
import { cliBrokers, useBrokerWithWorker } from "./cli-fixtures.js";
import { type ParleyProcess, startParley } from "./parley-process.js";

/** Starts `parley watch` and resolves once it is subscribed (it says so on stderr). */
async function startWatch(url: string, ...args: string[]): Promise<ParleyProcess> {
  const watch = startParley(["watch", "--url", url, ...args]);
  await watch.waitForLine("stderr", /^parley watch: watching a2a\/# on /);
  return watch;
}

async function stop(watch: ParleyProcess): Promise<number | null> {
  watch.child.kill("SIGINT");
  return (await watch.exited).code;
}

describe.each(cliBrokers)("parley watch on $name", ({ start }) => {
  const mesh = useBrokerWithWorker(start);
  let boss: Agent;

  beforeAll(async () => {
    boss = createAgent({ id: "boss", transport: mesh.broker.transport(), heartbeatIntervalMs: 0 });
    await boss.connect();
  });
  afterAll(async () => {
    await boss?.close();
  });

  it("shows a request and its response with the latency, in plain text when piped", async () => {
    const watch = await startWatch(mesh.broker.url);
    await boss.request("worker", "double", { x: 1 });
    const request = await watch.waitForLine("stdout", /boss -> worker +request +double/);
    const id = /#([0-9a-f]{8})/.exec(request)?.[1];
    expect(id).toBeDefined();
    const response = await watch.waitForLine("stdout", new RegExp(`response.*#${id}`));
    expect(response).toMatch(
      new RegExp(
        `^\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  worker -> boss  response +double  #${id}  \\d+(\\.\\d+)? (ms|s)$`,
      ),
    );
    expect(watch.lines("stdout").join("\n")).not.toContain("\u001b[");
    expect(await stop(watch)).toBe(0);
  });

  it("shows only what --filter names, as JSON lines with --json", async () => {
    const watch = await startWatch(mesh.broker.url, "--filter", "DOUBLE", "--json");
    await boss.broadcast("news", { text: "hello" });
    await boss.request("worker", "double", { x: 2 });
    await watch.waitForLine("stdout", /"message_type":"response"/);
    const events = watch.lines("stdout").map((line) => JSON.parse(line));
    expect(events.map((e) => [e.from, e.to, e.message_type, e.type])).toEqual([
      ["boss", "worker", "request", "double"],
      ["worker", "boss", "response", "double"],
    ]);
    expect(events[1].correlation_id).toBe(events[0].correlation_id);
    expect(events[0].latency_ms).toBeNull();
    expect(events[1].latency_ms).toEqual(expect.any(Number));
    expect(events[1].envelope.payload).toMatchObject({ y: 4 });
    expect(await stop(watch)).toBe(0);
  });

  it("--json gives the trace id of a message whose metadata carries a W3C traceparent", async () => {
    const watch = await startWatch(mesh.broker.url, "--filter", "traced", "--json");
    const raw = mesh.broker.transport();
    await raw.connect({ clientId: "raw-traced" });
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const message = (type: string) =>
      encodeEnvelope(
        createEnvelope({
          sender_id: "traced",
          recipient_id: null,
          message_type: MessageType.broadcast,
          payload: { broadcast_type: type },
        }),
      );
    try {
      await raw.publish("a2a/broadcast/broadcast", message("traced_one"), {
        metadata: { traceparent: `00-${traceId}-00f067aa0ba902b7-01`, tracestate: "k=v" },
      });
      await raw.publish("a2a/broadcast/broadcast", message("traced_none"));
    } finally {
      await raw.close();
    }
    await watch.waitForLine("stdout", /traced_none/);
    const events = watch.lines("stdout").map((line) => JSON.parse(line));
    expect(events.map((e) => [e.type, e.trace_id])).toEqual([
      ["traced_one", traceId],
      ["traced_none", null],
    ]);
    expect(await stop(watch)).toBe(0);
  });

  it("shows a message that is not an envelope as one 'malformed' line and keeps going", async () => {
    const watch = await startWatch(mesh.broker.url, "--filter", "ghost");
    const raw = mesh.broker.transport();
    await raw.connect({ clientId: "raw-publisher" });
    try {
      await raw.publish("a2a/ghost/request", new TextEncoder().encode("{not json"));
    } finally {
      await raw.close();
    }
    const line = await watch.waitForLine("stdout", /malformed/);
    expect(line).toMatch(/malformed on a2a\/ghost\/request \(9 bytes\): /);
    await boss.broadcast("ghost_sighting", { where: "attic" });
    await watch.waitForLine("stdout", /boss -> \* +broadcast +ghost_sighting/);
    expect(await stop(watch)).toBe(0);
  });
});
