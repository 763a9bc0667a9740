import { beforeAll, expect, it } from "vitest";
import { ErrorCode, type ParleyError, type StreamEvent } from "../../src/index.js";
import { eavesdrop, eventually, type Mesh } from "./mesh.js";
import { bytesOf, rawEnvelope } from "./raw-envelope.js";
import { conformanceSection } from "./section.js";
import { useMesh } from "./suite-setup.js";

/** Every event of a stream, and the error it ended with (undefined when it ended with its response). */
async function drain(
  stream: AsyncIterable<StreamEvent>,
): Promise<{ events: StreamEvent[]; error: unknown }> {
  const events: StreamEvent[] = [];
  try {
    for await (const event of stream) events.push(event);
    return { events, error: undefined };
  } catch (error) {
    return { events, error };
  }
}

export const streaming = conformanceSection("streaming and cancellation", (target) => {
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

  /**
   * A raw responder to "count" that sends these parts (by seq), then `final` as the response
   * (none when undefined); returns the envelopes it received.
   */
  async function rawStreamer(
    id: string,
    client: string,
    seqs: number[],
    final: object | undefined,
  ): Promise<{ message_type: string; payload: Record<string, unknown> }[]> {
    const received: { message_type: string; payload: Record<string, unknown> }[] = [];
    const responder = await mesh.raw(id);
    await responder.subscribe(`a2a/${id}/+`, (message) => {
      const request = JSON.parse(new TextDecoder().decode(message.bytes)) as {
        correlation_id: string;
        message_type: string;
        payload: Record<string, unknown>;
      };
      received.push(request);
      if (request.message_type !== "request") return;
      const reply = (payload: Record<string, unknown>) =>
        bytesOf(
          rawEnvelope({
            sender_id: id,
            recipient_id: client,
            message_type: "response",
            correlation_id: request.correlation_id,
            payload,
          }),
        );
      void (async () => {
        for (const seq of seqs)
          await responder.publish(
            `a2a/${client}/response`,
            reply({ _parley_stream_part: { seq, data: { n: seq } } }),
            { qos: 1 },
          );
        if (final)
          await responder.publish(`a2a/${client}/response`, reply({ ...final }), { qos: 1 });
      })();
    });
    return received;
  }

  it("puts parts that arrive out of order or twice back in order, each once, before the response", async () => {
    const client = await mesh.agent("st-order-client");
    // Parts arrive as 1, 0, 0 again, 3, 2, then the response counting 4 parts.
    await rawStreamer("st-order-server", "st-order-client", [1, 0, 0, 3, 2], {
      done: true,
      _parley_stream_parts: 4,
    });
    const events: StreamEvent[] = [];
    for await (const event of client.stream("st-order-server", "count", {})) events.push(event);
    expect(events).toEqual([
      { kind: "part", seq: 0, data: { n: 0 } },
      { kind: "part", seq: 1, data: { n: 1 } },
      { kind: "part", seq: 2, data: { n: 2 } },
      { kind: "part", seq: 3, data: { n: 3 } },
      // The part count is the protocol's: the caller's response is the handler's own.
      { kind: "response", data: { done: true } },
    ]);
    expect(client.stats().lateResponses).toBe(1);
  });

  it("puts the parts of a responder that gives no part count in order too", async () => {
    const client = await mesh.agent("st-nocount-client");
    await rawStreamer("st-nocount-server", "st-nocount-client", [1, 0, 0, 2], { done: true });
    const events: StreamEvent[] = [];
    for await (const event of client.stream("st-nocount-server", "count", {})) events.push(event);
    expect(events.map((e) => (e.kind === "part" ? e.seq : e.kind))).toEqual([0, 1, 2, "response"]);
    expect(client.stats().lateResponses).toBe(1);
  });

  it("ends a stream that lost a part in the middle with stream_incomplete, not with a gap", async () => {
    const client = await mesh.agent("st-gap-client");
    await rawStreamer("st-gap-server", "st-gap-client", [0, 2, 3], {
      done: true,
      _parley_stream_parts: 4,
    });
    const { events, error } = await drain(client.stream("st-gap-server", "count", {}));
    expect(events).toEqual([{ kind: "part", seq: 0, data: { n: 0 } }]);
    expect((error as ParleyError).code).toBe(ErrorCode.stream_incomplete);
    expect((error as ParleyError).details).toMatchObject({
      missing: [1],
      missing_count: 1,
      received: 3,
      total: 4,
    });
  });

  it("tells a responder still streaming to stop once a part is lost", async () => {
    const client = await mesh.agent("st-stop-client");
    const received = await rawStreamer("st-stop-server", "st-stop-client", [0, 2], undefined);
    const { error } = await drain(
      client.stream("st-stop-server", "count", {}, { timeout: 10_000 }),
    );
    expect((error as ParleyError).code).toBe(ErrorCode.stream_incomplete);
    await eventually(() => received.length >= 2, "the cancellation at the responder");
    expect(received[1]).toMatchObject({
      message_type: "error",
      payload: { error: { code: "cancelled" } },
    });
  });

  it("ends a stream whose last parts never came with stream_incomplete, by the part count", async () => {
    const client = await mesh.agent("st-tail-client");
    await rawStreamer("st-tail-server", "st-tail-client", [0, 1], {
      done: true,
      _parley_stream_parts: 4,
    });
    const { events, error } = await drain(client.stream("st-tail-server", "count", {}));
    expect(events.map((e) => e.kind)).toEqual(["part", "part"]);
    expect((error as ParleyError).code).toBe(ErrorCode.stream_incomplete);
    expect((error as ParleyError).details).toMatchObject({
      missing: [2, 3],
      missing_count: 2,
      received: 2,
      total: 4,
    });
    expect((error as ParleyError).message).toMatch(/lost 2 part\(s\), the first with seq 2/);
  });

  /** A streaming "count" handler (two parts, then `{ total: 2 }`), a client and a sniffer of its responses. */
  async function countingPair(name: string) {
    const server = await mesh.agent(`${name}-server`);
    const client = await mesh.agent(`${name}-client`);
    const sniff = await eavesdrop(await mesh.raw(`${name}-sniffer`), `a2a/${name}-client/response`);
    server.handle("count", async function* () {
      yield { n: 1 };
      yield { n: 2 };
      return { total: 2 };
    });
    return { client, sniff };
  }

  it("counts the parts in a stream's final response on the wire, and only there", async () => {
    const { client, sniff } = await countingPair("st-count");
    const events: StreamEvent[] = [];
    for await (const event of client.stream("st-count-server", "count")) events.push(event);
    expect(events.at(-1)).toEqual({ kind: "response", data: { total: 2 } });
    await eventually(() => sniff.envelopes().length >= 3, "the parts and response on the wire");
    expect(sniff.envelopes().map((e) => e.payload)).toEqual([
      { _parley_stream_part: { seq: 0, data: { n: 1 } } },
      { _parley_stream_part: { seq: 1, data: { n: 2 } } },
      { total: 2, _parley_stream_parts: 2 },
    ]);
  });

  it("answers a plain request to a streaming handler with only the final response", async () => {
    const { client, sniff } = await countingPair("st-plain");
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

  it("fails a stream the caller does not read once it holds maxStreamBufferBytes, and stops the responder", async () => {
    const server = await mesh.agent("st-flood-server");
    const client = await mesh.agent("st-flood-client", { maxStreamBufferBytes: 128 * 1024 });
    const rejected: ParleyError[] = [];
    client.on("message:rejected", ({ error }) => rejected.push(error));
    const chunk = "x".repeat(16 * 1024);
    let sent = 0;
    // Far more than the bound if nothing stops it (16 MiB); a pause lets the cancellation in.
    const stopped = new Promise<unknown>((resolve) => {
      server.handle("flood", async function* (_p, ctx) {
        while (!ctx.signal.aborted && sent < 1000) {
          yield { n: sent++, chunk };
          await new Promise((r) => setTimeout(r, 5));
        }
        resolve(ctx.signal.aborted ? ctx.signal.reason : "streamed to the end");
        return { sent };
      });
    });
    for (const agent of [server, client]) agent.handle("ping", () => ({ pong: true }));
    const unread = client.stream<{ n: number }>(
      "st-flood-server",
      "flood",
      {},
      { timeout: 20_000 },
    );
    expect(((await stopped) as ParleyError).code).toBe(ErrorCode.cancelled);
    // What it held is still read, in order, then the stream fails.
    const { events, error } = await drain(unread);
    expect((error as ParleyError).code).toBe(ErrorCode.overloaded);
    expect((error as ParleyError).details).toMatchObject({
      option: "maxStreamBufferBytes",
      limit: 128 * 1024,
    });
    expect(events.length).toBeGreaterThan(0);
    expect(events.length).toBeLessThan(8);
    expect(events.map((e) => (e.kind === "part" ? e.data.n : e.kind))).toEqual(
      events.map((_e, i) => i),
    );
    expect(rejected.map((e) => e.code)).toEqual([ErrorCode.overloaded]);
    expect(client.stats().rejected).toBe(1);
    // Both agents go on: requests either way, and a stream that is read as it comes.
    await expect(client.request("st-flood-server", "ping")).resolves.toEqual({ pong: true });
    await expect(server.request("st-flood-client", "ping")).resolves.toEqual({ pong: true });
    server.handle("few", async function* () {
      for (let n = 0; n < 20; n++) {
        yield { n, chunk };
        await new Promise((r) => setTimeout(r, 1));
      }
      return { done: true };
    });
    const { events: read, error: none } = await drain(client.stream("st-flood-server", "few"));
    expect(none).toBeUndefined();
    expect(read).toHaveLength(21);
  });
});
