import { once } from "node:events";
import { connect, createServer, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { holdWritesOf } from "../../transports/mqtt/write-batching.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A connected loopback socket pair: what `client` writes, `received` collects. */
async function socketPair(): Promise<{ client: Socket; received: () => string }> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  const accepted = once(server, "connection");
  const client = connect(port, "127.0.0.1");
  await once(client, "connect");
  const [peer] = (await accepted) as [Socket];
  let text = "";
  peer.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  cleanups.push(() => {
    client.destroy();
    peer.destroy();
    server.close();
  });
  return { client, received: () => text };
}

const turnEnds = () => new Promise((resolve) => setImmediate(resolve));

describe("MQTT write batching", () => {
  it("sends a lone packet at once, holds the rest of a turn's packets until it ends, in order", async () => {
    const { client, received } = await socketPair();
    holdWritesOf(client, 1);
    expect(client.writableCorked).toBe(0);
    client.write("a");
    holdWritesOf(client, 1);
    expect(client.writableCorked).toBe(1);
    client.write("b");
    holdWritesOf(client, 1);
    client.write("c");
    expect(client.writableLength).toBe(2);
    await turnEnds();
    expect(client.writableCorked).toBe(0);
    await expect.poll(received).toBe("abc");
    // A new turn: its first packet goes at once again.
    holdWritesOf(client, 1);
    expect(client.writableCorked).toBe(0);
  });

  it("never holds a burst up to the socket's high-water mark, whatever the packets' sizes", async () => {
    const { client, received } = await socketPair();
    // Small ones, then one that would take what is held past the mark (a write answering false
    // makes mqtt.js wait for `drain` before settling the publish).
    const sizes = [10, 7_000, 10_000, ...Array.from({ length: 40 }, () => 1024), 15_000];
    let refused = 0;
    let most = 0;
    for (const size of sizes) {
      holdWritesOf(client, size);
      if (!client.write("x".repeat(size))) refused++;
      most = Math.max(most, client.writableLength);
    }
    expect(refused).toBe(0);
    expect(most).toBeLessThan(client.writableHighWaterMark);
    await turnEnds();
    const total = sizes.reduce((a, b) => a + b, 0);
    await expect.poll(() => received().length).toBe(total);
  });

  it("does nothing for a stream that is not a socket", () => {
    expect(() => holdWritesOf({ write() {} }, 1)).not.toThrow();
  });
});
