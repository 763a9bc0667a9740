import { connect, createServer, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { holdWritesThisTick } from "../../transports/websocket/tick-cork.js";

describe("writes of one burst held for one system call (WebSocket hub and Node client)", () => {
  const sockets: Socket[] = [];
  afterEach(() => {
    for (const s of sockets.splice(0)) s.destroy();
  });

  /** A loopback connection; returns the writing end and what the far end read, chunk by chunk. */
  async function pair(): Promise<{ writer: Socket; chunks: Buffer[]; close(): Promise<void> }> {
    const chunks: Buffer[] = [];
    const server = createServer((s) => {
      sockets.push(s);
      s.on("data", (c) => chunks.push(c));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as { port: number };
    const writer = connect(port, "127.0.0.1");
    sockets.push(writer);
    await new Promise<void>((r) => writer.once("connect", () => r()));
    return {
      writer,
      chunks,
      close: () => {
        for (const s of sockets.splice(0)) s.destroy();
        return new Promise((r) => server.close(() => r()));
      },
    };
  }

  it("sends what one tick wrote as one write, and the next tick's writes after it", async () => {
    const { writer, chunks, close } = await pair();
    const writes: number[] = [];
    // Every write reaching the kernel goes through _writev (corked) or _write.
    const socket = writer as unknown as {
      _writev: (chunks: unknown[], cb: () => void) => void;
      _write: (chunk: unknown, enc: string, cb: () => void) => void;
    };
    const writev = socket._writev.bind(writer);
    const write = socket._write.bind(writer);
    socket._writev = (c, cb) => {
      writes.push(c.length);
      writev(c, cb);
    };
    socket._write = (c, e, cb) => {
      writes.push(1);
      write(c, e, cb);
    };
    const hold = holdWritesThisTick(writer);
    for (let i = 0; i < 50; i++) {
      hold();
      writer.write(`frame ${i}\n`);
    }
    expect(writes).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(writes).toEqual([50]);
    hold();
    writer.write("later\n");
    await new Promise((r) => setImmediate(r));
    expect(writes).toEqual([50, 1]);
    await expect.poll(() => Buffer.concat(chunks).toString().split("\n").length).toBe(52);
    await close();
  });

  it("lets a burst out early once it holds the flush size, so held bytes never pile up", async () => {
    const { writer, close } = await pair();
    const hold = holdWritesThisTick(writer, 1000);
    let mostHeld = 0;
    for (let i = 0; i < 50; i++) {
      hold();
      writer.write(`${"y".repeat(99)}\n`);
      mostHeld = Math.max(mostHeld, writer.writableLength);
    }
    // At most the flush size plus the frame written after the check.
    expect(mostHeld).toBeLessThanOrEqual(1100);
    await new Promise((r) => setImmediate(r));
    expect(writer.writableLength).toBe(0);
    await close();
  });

  it("does nothing to a socket destroyed before the tick ends", async () => {
    const { writer, close } = await pair();
    const hold = holdWritesThisTick(writer);
    hold();
    writer.write("x");
    writer.destroy();
    await new Promise((r) => setImmediate(r));
    hold();
    expect(writer.destroyed).toBe(true);
    await close();
  });
});
