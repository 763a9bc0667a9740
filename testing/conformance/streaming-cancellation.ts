/**
 * The streaming section's cancellation tests: over the wire, by leaving the loop, and by the
 * caller's buffer bound when it stops reading.
 */
import { beforeAll, expect, it } from "vitest";
import { ErrorCode, type ParleyError } from "../../src/index.js";
import { eavesdrop, eventually, type Mesh } from "./mesh.js";
import { drain } from "./streaming-drain.js";

/** Registers the cancellation tests inside the streaming section's `describe`, on its mesh. */
export function streamingCancellation(meshOf: () => Mesh): void {
  let mesh: Mesh;
  beforeAll(() => {
    mesh = meshOf();
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
}
