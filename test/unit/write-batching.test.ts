import { once } from "node:events";
import { connect, createServer, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { holdWritesOf } from "../../transports/mqtt/write-batching.js";
import { batchWrites } from "../../transports/write-batching.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A connected loopback socket; counts the system calls its writes take (`_write`/`_writev`). */
async function countedSocket(): Promise<{
  socket: Socket;
  calls: number[];
  received: () => string;
}> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  const accepted = once(server, "connection");
  const socket = connect(port, "127.0.0.1");
  await once(socket, "connect");
  const [peer] = (await accepted) as [Socket];
  let text = "";
  peer.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  cleanups.push(() => {
    socket.destroy();
    peer.destroy();
    server.close();
  });
  const calls: number[] = [];
  const inner = socket as unknown as {
    _writev: (chunks: unknown[], cb: () => void) => void;
    _write: (chunk: unknown, encoding: string, cb: () => void) => void;
  };
  const writev = inner._writev.bind(socket);
  const write = inner._write.bind(socket);
  inner._writev = (chunks, cb) => {
    calls.push(chunks.length);
    writev(chunks, cb);
  };
  inner._write = (chunk, encoding, cb) => {
    calls.push(1);
    write(chunk, encoding, cb);
  };
  return { socket, calls, received: () => text };
}

const turnEnds = () => new Promise((resolve) => setImmediate(resolve));

describe("write batching (MQTT client, WebSocket hub and Node client)", () => {
  it("writes the first frame of a turn at once and the rest of the turn in one system call", async () => {
    const { socket, calls, received } = await countedSocket();
    const hold = batchWrites(socket);
    for (let i = 0; i < 50; i++) {
      hold(8);
      socket.write(`frame ${i}\n`);
    }
    expect(calls).toEqual([1]);
    await turnEnds();
    expect(calls).toEqual([1, 49]);
    hold(6);
    socket.write("later\n");
    expect(calls).toEqual([1, 49, 1]);
    await expect.poll(() => received().split("\n").length).toBe(52);
  });

  it("lets a burst out whenever the next write would take what is held to flushAt, however small", async () => {
    const { socket, calls, received } = await countedSocket();
    const hold = batchWrites(socket, 300);
    let mostHeld = 0;
    for (let i = 0; i < 50; i++) {
      hold(100);
      socket.write(`${"y".repeat(99)}\n`);
      mostHeld = Math.max(mostHeld, socket.writableLength);
    }
    expect(mostHeld).toBeLessThanOrEqual(300);
    await turnEnds();
    expect(socket.writableLength).toBe(0);
    // Let out in several batches, not held to the end of the turn.
    expect(calls.length).toBeGreaterThan(2);
    expect(calls.reduce((a, b) => a + b, 0)).toBe(50);
    await expect.poll(() => received().length).toBe(5000);
  });

  it("holds an ack until the turn's first frame, which takes it along in the same system call", async () => {
    const { socket, calls, received } = await countedSocket();
    const hold = batchWrites(socket);
    hold(4, true);
    socket.write("ack\n");
    expect(calls).toEqual([]);
    hold(8);
    socket.write("frame\n");
    // Let out as soon as the frame's tick is over, not at the end of the turn.
    await new Promise((resolve) => process.nextTick(resolve));
    expect(calls).toEqual([2]);
    hold(4, true);
    socket.write("ack 2\n");
    hold(8);
    socket.write("frame 2\n");
    expect(calls).toEqual([2]);
    await turnEnds();
    expect(calls).toEqual([2, 2]);
    await expect.poll(() => received()).toBe("ack\nframe\nack 2\nframe 2\n");
  });

  it("lets acks alone out at the end of the turn, and the next turn's first frame at once", async () => {
    const { socket, calls, received } = await countedSocket();
    const hold = batchWrites(socket);
    for (let i = 0; i < 3; i++) {
      hold(4, true);
      socket.write(`ack ${i}\n`);
    }
    expect(calls).toEqual([]);
    await turnEnds();
    expect(calls).toEqual([3]);
    hold(8);
    socket.write("frame\n");
    expect(calls).toEqual([3, 1]);
    await expect.poll(() => received().split("\n").length).toBe(5);
  });

  it("does nothing to a socket destroyed before the turn ends", async () => {
    const { socket } = await countedSocket();
    const hold = batchWrites(socket);
    hold(1);
    socket.write("x");
    hold(1);
    socket.write("y");
    socket.destroy();
    await turnEnds();
    expect(() => hold(1)).not.toThrow();
    expect(socket.destroyed).toBe(true);
  });

  it("MQTT: holds on the client's socket, never up to its high-water mark, whatever the sizes", async () => {
    const { socket, received } = await countedSocket();
    holdWritesOf(socket, 1);
    expect(socket.writableCorked).toBe(0);
    socket.write("a");
    // Small ones, then one that would take what is held past the mark (a write answering false
    // makes mqtt.js wait for `drain` before settling the publish).
    const sizes = [10, 7_000, 10_000, ...Array.from({ length: 40 }, () => 1024), 15_000];
    let refused = 0;
    let most = 0;
    for (const size of sizes) {
      holdWritesOf(socket, size);
      if (!socket.write("x".repeat(size))) refused++;
      most = Math.max(most, socket.writableLength);
    }
    expect(refused).toBe(0);
    expect(most).toBeLessThan(socket.writableHighWaterMark);
    await turnEnds();
    expect(socket.writableCorked).toBe(0);
    const total = sizes.reduce((a, b) => a + b, 1);
    await expect.poll(() => received().length).toBe(total);
  });

  it("MQTT: does nothing for a stream that is not a socket (mqtt.js over WebSocket)", () => {
    expect(() => holdWritesOf({ write() {} }, 1)).not.toThrow();
  });
});
