/**
 * The streaming section's reassembly tests: a raw responder sends parts out of order, twice or not
 * at all, and the caller gets them in order, each once, or a stream_incomplete naming what is lost.
 */
import { beforeAll, expect, it } from "vitest";
import { ErrorCode, type ParleyError, type StreamEvent } from "../../src/index.js";
import { eventually, type Mesh } from "./mesh.js";
import { bytesOf, rawEnvelope } from "./raw-envelope.js";
import { drain } from "./streaming-drain.js";

/** Registers the reassembly tests inside the streaming section's `describe`, on its mesh. */
export function streamingReassembly(meshOf: () => Mesh): void {
  let mesh: Mesh;
  beforeAll(() => {
    mesh = meshOf();
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
}
