import { beforeAll, describe, expect, it } from "vitest";
import { ErrorCode, type ParleyError, type StreamEvent } from "../../src/index.js";
import { eavesdrop, eventually, type Mesh } from "./mesh.js";
import { bytesOf, rawEnvelope } from "./raw-envelope.js";
import { useMesh } from "./suite-setup.js";
import { targets } from "./targets.js";

describe.each(targets)("streaming and cancellation on $name", (target) => {
  const meshOf = useMesh(target);
  let mesh: Mesh;
  beforeAll(() => {
    mesh = meshOf();
  });

  it("streams a handler's parts in order, then its final response", async () => {
    const server = await mesh.agent("st-server");
    const client = await mesh.agent("st-client");
    server.handle<{ text: string }>("tokens", async function* ({ text }) {
      const words = text.split(" ");
      for (const word of words) yield { token: word };
      return { count: words.length };
    });
    const events: StreamEvent[] = [];
    for await (const event of client.stream("st-server", "tokens", { text: "the quick brown fox" }))
      events.push(event);
    expect(events).toEqual([
      { kind: "part", seq: 0, data: { token: "the" } },
      { kind: "part", seq: 1, data: { token: "quick" } },
      { kind: "part", seq: 2, data: { token: "brown" } },
      { kind: "part", seq: 3, data: { token: "fox" } },
      { kind: "response", data: { count: 4 } },
    ]);
  });

  it("puts parts that arrive out of order or twice back in order, each once, before the response", async () => {
    const client = await mesh.agent("st-order-client");
    const responder = await mesh.raw("st-order-server");
    // A responder whose parts arrive as 1, 0, 0 again, 3 (2 never comes), then the response.
    await responder.subscribe("a2a/st-order-server/+", (message) => {
      const request = JSON.parse(new TextDecoder().decode(message.bytes)) as {
        correlation_id: string;
      };
      const reply = (payload: Record<string, unknown>) =>
        bytesOf(
          rawEnvelope({
            sender_id: "st-order-server",
            recipient_id: "st-order-client",
            message_type: "response",
            correlation_id: request.correlation_id,
            payload,
          }),
        );
      void (async () => {
        for (const seq of [1, 0, 0, 3])
          await responder.publish(
            "a2a/st-order-client/response",
            reply({ _parley_stream_part: { seq, data: { n: seq } } }),
            { qos: 1 },
          );
        await responder.publish("a2a/st-order-client/response", reply({ done: true }), {
          qos: 1,
        });
      })();
    });
    const events: StreamEvent[] = [];
    for await (const event of client.stream("st-order-server", "count", {})) events.push(event);
    expect(events).toEqual([
      { kind: "part", seq: 0, data: { n: 0 } },
      { kind: "part", seq: 1, data: { n: 1 } },
      { kind: "part", seq: 3, data: { n: 3 } },
      { kind: "response", data: { done: true } },
    ]);
    expect(client.stats().lateResponses).toBe(1);
  });

  it("answers a plain request to a streaming handler with only the final response", async () => {
    const server = await mesh.agent("st-plain-server");
    const client = await mesh.agent("st-plain-client");
    const sniff = await eavesdrop(
      await mesh.raw("st-plain-sniffer"),
      "a2a/st-plain-client/response",
    );
    server.handle("count", async function* () {
      yield { n: 1 };
      yield { n: 2 };
      return { total: 2 };
    });
    await expect(client.request("st-plain-server", "count")).resolves.toEqual({ total: 2 });
    await eventually(() => sniff.envelopes().length >= 1, "the response on the wire");
    expect(sniff.envelopes().map((e) => e.payload)).toEqual([{ total: 2 }]);
  });

  it("raises a streaming handler's failure at the end of the caller's loop", async () => {
    const server = await mesh.agent("st-fail-server");
    const client = await mesh.agent("st-fail-client");
    server.handle("half", async function* () {
      yield { n: 1 };
      throw new Error("ran out");
    });
    const parts: unknown[] = [];
    const error = await (async () => {
      for await (const event of client.stream("st-fail-server", "half")) parts.push(event.data);
    })().catch((e: unknown) => e);
    expect(parts).toEqual([{ n: 1 }]);
    expect((error as ParleyError).code).toBe(ErrorCode.handler_failed);
  });

  it("cancels over the wire: the handler's signal aborts and nothing is sent back afterwards", async () => {
    const server = await mesh.agent("st-cancel-server");
    const client = await mesh.agent("st-cancel-client");
    const sniff = await eavesdrop(
      await mesh.raw("st-cancel-sniffer"),
      "a2a/st-cancel-client/response",
    );
    let started!: () => void;
    const handlerStarted = new Promise<void>((r) => {
      started = r;
    });
    const reason = new Promise<unknown>((resolve) => {
      server.handle("long", (_p, ctx) => {
        started();
        return new Promise((done) => {
          ctx.signal.addEventListener("abort", () => {
            resolve(ctx.signal.reason);
            done({ too: "late" });
          });
        });
      });
    });
    const controller = new AbortController();
    const pending = client
      .request("st-cancel-server", "long", {}, { signal: controller.signal, timeout: 10_000 })
      .catch((e: unknown) => e);
    await handlerStarted;
    controller.abort();
    expect(((await pending) as ParleyError).code).toBe(ErrorCode.cancelled);
    expect(((await reason) as ParleyError).code).toBe(ErrorCode.cancelled);
    // A later request's response proves the server is past the cancelled one; nothing came for it.
    server.handle("ping", () => ({ pong: true }));
    await client.request("st-cancel-server", "ping");
    await eventually(() => sniff.envelopes().length >= 1, "the ping response");
    expect(sniff.envelopes().map((e) => e.payload)).toEqual([{ pong: true }]);
  });

  it("cancels a stream when the caller leaves the loop early", async () => {
    const server = await mesh.agent("st-break-server");
    const client = await mesh.agent("st-break-client");
    const stopped = new Promise<unknown>((resolve) => {
      server.handle("endless", async function* (_p, ctx) {
        let n = 0;
        while (!ctx.signal.aborted) {
          yield { n: n++ };
          await new Promise((r) => setTimeout(r, 5));
        }
        resolve(ctx.signal.reason);
        return { n };
      });
    });
    for await (const event of client.stream<{ n: number }>("st-break-server", "endless")) {
      if (event.kind === "part" && event.data.n === 2) break;
    }
    expect(((await stopped) as ParleyError).code).toBe(ErrorCode.cancelled);
  });
});
