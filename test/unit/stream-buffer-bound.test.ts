import { describe, expect, it } from "vitest";
import { ErrorCode, ParleyError } from "../../src/errors/parley-error.js";
import {
  StreamBufferBudget,
  type StreamBufferFull,
  type StreamBufferLimits,
} from "../../src/outbound/stream-buffer-budget.js";
import { createStreamedRequest } from "../../src/outbound/streamed-request.js";

const LIMITS: StreamBufferLimits = {
  maxStreamBufferBytes: 100,
  maxStreamBufferParts: 1000,
  maxStreamBufferTotalBytes: 1000,
};

/** A streamed request held to `budget`, recording each part that did not fit. */
function streamed(budget: StreamBufferBudget) {
  const full: StreamBufferFull[] = [];
  const request = createStreamedRequest<string, unknown>(undefined, {
    onLost: () => {},
    onFull: (f) => full.push(f),
    connected: () => true,
    buffer: budget.open(),
  });
  const stream = request.settle.stream;
  if (!stream) throw new Error("a streamed request has a stream");
  const reader = request.events[Symbol.asyncIterator]();
  return { request, stream, reader, full };
}

describe("stream buffer bound", () => {
  it("counts parts waiting behind a missing one, by their size on the wire", () => {
    const { stream, full } = streamed(new StreamBufferBudget(LIMITS));
    // seq 0 never comes: 1, 2, 3 wait behind it.
    for (const seq of [1, 2, 3]) expect(stream.add(seq, `p${seq}`, 30)).toBe(true);
    expect(full).toEqual([]);
    stream.add(4, "p4", 30);
    expect(full).toEqual([
      {
        option: "maxStreamBufferBytes",
        limit: 100,
        partBytes: 30,
        heldBytes: 90,
        heldParts: 3,
      },
    ]);
  });

  it("counts parts the caller has not read yet, and frees what it reads", async () => {
    const { stream, reader, full } = streamed(new StreamBufferBudget(LIMITS));
    for (const seq of [0, 1, 2]) stream.add(seq, `p${seq}`, 30);
    expect(await reader.next()).toEqual({
      value: { kind: "part", seq: 0, data: "p0" },
      done: false,
    });
    stream.add(3, "p3", 30);
    expect(full).toEqual([]);
    stream.add(4, "p4", 30);
    expect(full.map((f) => [f.option, f.heldBytes, f.heldParts])).toEqual([
      ["maxStreamBufferBytes", 90, 3],
    ]);
  });

  it("never fills for a caller that reads each part as it comes", async () => {
    const { stream, reader, full } = streamed(new StreamBufferBudget(LIMITS));
    for (let seq = 0; seq < 20; seq++) {
      const next = reader.next();
      stream.add(seq, `p${seq}`, 60);
      expect((await next).value).toEqual({ kind: "part", seq, data: `p${seq}` });
    }
    expect(full).toEqual([]);
  });

  it("does not count a repeated part that is dropped", () => {
    const { stream, full } = streamed(new StreamBufferBudget(LIMITS));
    stream.add(0, "p0", 30);
    expect(stream.add(0, "p0", 30)).toBe(false);
    stream.add(1, "p1", 30);
    stream.add(2, "p2", 30);
    expect(full).toEqual([]);
  });

  it("bounds the parts of one stream by count too", () => {
    const budget = new StreamBufferBudget({ ...LIMITS, maxStreamBufferParts: 2 });
    const { stream, full } = streamed(budget);
    stream.add(0, "a", 1);
    stream.add(1, "b", 1);
    stream.add(2, "c", 1);
    expect(full.map((f) => [f.option, f.limit, f.heldParts])).toEqual([
      ["maxStreamBufferParts", 2, 2],
    ]);
  });

  it("bounds all of an agent's streams together, and frees a stream's share when it settles", () => {
    const budget = new StreamBufferBudget({ ...LIMITS, maxStreamBufferTotalBytes: 150 });
    const a = streamed(budget);
    const b = streamed(budget);
    a.stream.add(0, "a0", 80);
    b.stream.add(0, "b0", 60);
    b.stream.add(1, "b1", 20);
    expect(b.full.map((f) => [f.option, f.limit])).toEqual([["maxStreamBufferTotalBytes", 150]]);
    expect(budget.totalBytes).toBe(140);
    a.request.settle.reject(new ParleyError(ErrorCode.cancelled, "gone"));
    expect(budget.totalBytes).toBe(60);
    b.stream.add(1, "b1", 20);
    expect(b.full).toHaveLength(1);
    expect(budget.totalBytes).toBe(80);
  });
});
