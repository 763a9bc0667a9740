/**
 * The conformance suite's "streaming" section: a handler's parts in order then its response, the
 * part count on the wire, failures; reassembly and cancellation are in streaming-*.ts.
 */
import { beforeAll, expect, it } from "vitest";
import { ErrorCode, type ParleyError, type StreamEvent } from "../../src/index.js";
import { eavesdrop, eventually, type Mesh } from "./mesh.js";
import { conformanceSection } from "./section.js";
import { streamingCancellation } from "./streaming-cancellation.js";
import { streamingReassembly } from "./streaming-reassembly.js";
import { useMesh } from "./suite-setup.js";

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

  streamingReassembly(meshOf);

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

  streamingCancellation(meshOf);
});
