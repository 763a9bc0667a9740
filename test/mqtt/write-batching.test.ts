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
    holdWritesOf(client);
    expect(client.writableCorked).toBe(0);
    client.write("a");
    holdWritesOf(client);
    expect(client.writableCorked).toBe(1);
    client.write("b");
    holdWritesOf(client);
    client.write("c");
    expect(client.writableLength).toBe(2);
    await turnEnds();
    expect(client.writableCorked).toBe(0);
    await expect.poll(received).toBe("abc");
    // A new turn: its first packet goes at once again.
    holdWritesOf(client);
    expect(client.writableCorked).toBe(0);
  });

  it("lets a large burst out before the socket's buffer reaches its high-water mark", async () => {
    const { client, received } = await socketPair();
    const chunk = "x".repeat(1024);
    let most = 0;
    for (let i = 0; i < 64; i++) {
      holdWritesOf(client);
      client.write(chunk);
      most = Math.max(most, client.writableLength);
    }
    expect(most).toBeLessThan(client.writableHighWaterMark);
    await turnEnds();
    await expect.poll(() => received().length).toBe(64 * 1024);
  });

  it("does nothing for a stream that is not a socket", () => {
    expect(() => holdWritesOf({ write() {} })).not.toThrow();
  });
});
