/**
 * Connecting can fail in many ways; each is a one-line error from `connect()`, promptly, with no
 * reconnect loop left behind. Also: the embedded broker's own start-up errors, and bad options.
 */
import { createServer, type Server, type Socket } from "node:net";
import { Aedes } from "aedes";
import { afterEach, describe, expect, it } from "vitest";
import { createEmbeddedBroker } from "../../transports/mqtt/embedded-broker.js";
import { createMqttTransport } from "../../transports/mqtt/mqtt-transport.js";
import { freePort } from "../harness/free-port.js";
import { uniqueId, watchStatus } from "./mqtt-fixtures.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const sockets = new Set<Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  const address = server.address();
  if (address === null || typeof address !== "object") throw new Error("no port");
  return address.port;
}

describe("MQTT transport connect failures", { timeout: 20_000 }, () => {
  it("rejects a closed port with a one-line error, leaves nothing running, and can try again", async () => {
    const port = await freePort();
    const transport = createMqttTransport({
      url: `mqtt://127.0.0.1:${port}`,
      reconnectPeriodMs: 50,
    });
    const status = watchStatus(transport);
    const error = await transport
      .connect({ clientId: uniqueId("refused") })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^mqtt: cannot connect to mqtt://127\\.0\\.0\\.1:${port}: connect ECONNREFUSED 127\\.0\\.0\\.1:${port}$`,
      ),
    );
    expect(transport.client).toBeUndefined();
    expect(status.seen).toEqual([]);

    // The same transport connects once a broker is there.
    const broker = await createEmbeddedBroker({ port });
    cleanups.push(() => broker.close());
    await transport.connect({ clientId: uniqueId("second-try") });
    cleanups.push(() => transport.close());
    expect(status.seen).toEqual([{ state: "connected", resumed: false }]);
  });

  it("gives up after connectTimeoutMs when the server never answers CONNECT", async () => {
    const port = await listen(createServer(() => {})); // accepts, then stays silent
    const transport = createMqttTransport({
      url: `mqtt://127.0.0.1:${port}`,
      connectTimeoutMs: 300,
    });
    await expect(transport.connect({ clientId: uniqueId("silent") })).rejects.toThrow(
      /^mqtt: cannot connect to mqtt:\/\/127\.0\.0\.1:\d+: connack timeout$/,
    );
    expect(transport.client).toBeUndefined();
  });

  it("passes credentials, and rejects bad ones with the broker's reason", async () => {
    const aedes = await Aedes.createBroker({
      authenticate: (_client, username, password, done) =>
        done(null, username === "alice" && password?.toString() === "s3cret"),
    });
    cleanups.push(() => new Promise((resolve) => aedes.close(() => resolve())));
    const port = await listen(createServer((socket) => aedes.handle(socket)));

    const wrong = createMqttTransport({
      url: `mqtt://127.0.0.1:${port}`,
      username: "alice",
      password: "nope",
    });
    await expect(wrong.connect({ clientId: uniqueId("wrong") })).rejects.toThrow(
      /^mqtt: cannot connect to mqtt:\/\/127\.0\.0\.1:\d+: Connection refused: Not authorized$/,
    );
    // Credentials in the URL work too, and never show up in messages.
    const right = createMqttTransport({ url: `mqtt://alice:s3cret@127.0.0.1:${port}` });
    await right.connect({ clientId: uniqueId("right") });
    cleanups.push(() => right.close());
    expect(right.protocolVersion).toBe(4);
  });
});

describe("embedded broker start-up", { timeout: 20_000 }, () => {
  it("says in one line that a port is in use", async () => {
    const port = await listen(createServer());
    const error = await createEmbeddedBroker({ port }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      `port ${port} is in use: listen EADDRINUSE: address already in use 127.0.0.1:${port}`,
    );
  });

  it("picks a free port for port 0 and serves MQTT there", async () => {
    const broker = await createEmbeddedBroker({ port: 0 });
    cleanups.push(() => broker.close());
    expect(broker.port).toBeGreaterThan(0);
    expect(broker.url).toBe(`mqtt://127.0.0.1:${broker.port}`);
    const transport = createMqttTransport({ url: broker.url });
    cleanups.push(() => transport.close());
    await transport.connect({ clientId: uniqueId("embedded") });
    await broker.close();
    await broker.close(); // idempotent
  });
});
