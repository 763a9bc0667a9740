/**
 * Connecting: token and user/password authentication on private nats-servers, and every way a
 * connect can fail rejecting promptly with one clear line.
 */
import { createServer, type Server, type Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNatsTransport, type NatsTransportOptions } from "../../transports/nats/index.js";
import { freePort } from "../harness/free-port.js";
import { type NatsServer, startNatsServer } from "../harness/nats-server.js";
import { runNodeFixture } from "../harness/node-fixture.js";
import { messageSink } from "../harness/transport-probes.js";
import { bytes, text } from "./nats-test-transports.js";

const FAIL_FIXTURE = fileURLToPath(new URL("./fixtures/connect-and-fail.ts", import.meta.url));

/** Connects, publishes to itself and checks the message comes back. */
async function roundTrip(options: NatsTransportOptions): Promise<string> {
  const transport = createNatsTransport(options);
  try {
    await transport.connect({ clientId: "auth-check" });
    const sink = messageSink();
    await transport.subscribe("a2a/me/+", sink.deliver);
    await transport.publish("a2a/me/ping", bytes("pong"));
    return text((await sink.next()).bytes);
  } finally {
    await transport.close();
  }
}

/** The rejection of `connect()`, checked to be a single line. */
async function connectFailure(options: NatsTransportOptions): Promise<Error> {
  const transport = createNatsTransport(options);
  const error = await transport.connect({ clientId: "fails" }).then(
    () => undefined,
    (err: unknown) => err,
  );
  await transport.close();
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).message).not.toContain("\n");
  return error as Error;
}

describe("NATS transport authentication", () => {
  let tokenServer: NatsServer;
  let passwordServer: NatsServer;

  beforeAll(async () => {
    [tokenServer, passwordServer] = await Promise.all([
      startNatsServer({ token: "s3cret-token" }),
      startNatsServer({ user: "agent", pass: "pa55word" }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([tokenServer?.stop(), passwordServer?.stop()]);
  });

  it("connects with the right token", async () => {
    expect(await roundTrip({ url: tokenServer.url, token: "s3cret-token" })).toBe("pong");
  });

  it("connects with the right user and password", async () => {
    expect(await roundTrip({ url: passwordServer.url, user: "agent", pass: "pa55word" })).toBe(
      "pong",
    );
  });

  it.each([
    ["a wrong token", () => ({ url: tokenServer.url, token: "guess" })],
    ["no token", () => ({ url: tokenServer.url })],
    ["a wrong password", () => ({ url: passwordServer.url, user: "agent", pass: "guess" })],
    ["an unknown user", () => ({ url: passwordServer.url, user: "nobody", pass: "pa55word" })],
  ])("rejects %s with a clear error", async (_, options) => {
    const opts = options();
    const error = await connectFailure(opts);
    expect(error.message).toBe(
      `nats transport could not connect to ${opts.url}: authorization violation (wrong or missing user/pass, token or credentials)`,
    );
  });
});

describe("NATS transport connect failures", () => {
  it("rejects at once when nothing listens on the port", async () => {
    const port = await freePort();
    const error = await connectFailure({ url: `nats://127.0.0.1:${port}` });
    expect(error.message).toBe(
      `nats transport could not connect to nats://127.0.0.1:${port}: connection refused (is a nats-server listening there?)`,
    );
  });

  it("leaves nothing running after a failed connect: the process exits by itself", async () => {
    const url = `nats://127.0.0.1:${await freePort()}`;
    // Should it hang (the failure this test is about), it is killed when the test ends.
    const { stdout, stderr, code } = await runNodeFixture(FAIL_FIXTURE, [url]);
    const output = stdout + stderr;
    expect(output.trim()).toMatch(/^nats transport could not connect to .*: connection refused/);
    expect(code).toBe(0);
  });

  it("tries every server given before rejecting", async () => {
    const ports = [await freePort(), await freePort()];
    const servers = ports.map((p) => `nats://127.0.0.1:${p}`);
    const error = await connectFailure({ servers });
    expect(error.message).toMatch(
      /^nats transport could not connect to nats:\/\/127\.0\.0\.1:\d+, nats:\/\/127\.0\.0\.1:\d+: connection refused/,
    );
  });

  describe("against a server that accepts TCP but never speaks NATS", () => {
    let silent: Server;
    let port: number;
    const sockets = new Set<Socket>();
    beforeAll(async () => {
      silent = createServer((socket) => {
        sockets.add(socket);
      });
      await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
      port = (silent.address() as { port: number }).port;
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    });

    it("rejects after the connect timeout instead of hanging", async () => {
      const error = await connectFailure({
        url: `nats://127.0.0.1:${port}`,
        connectTimeoutMs: 300,
      });
      expect(error.message).toBe(
        `nats transport could not connect to nats://127.0.0.1:${port}: no NATS handshake within 300 ms`,
      );
    });
  });

  it("can connect after a failed attempt once the server is there", async () => {
    const port = await freePort();
    const transport = createNatsTransport({ url: `nats://127.0.0.1:${port}` });
    await expect(transport.connect({ clientId: "retry" })).rejects.toThrow(/connection refused/);
    const server = await startNatsServer({ port });
    try {
      await transport.connect({ clientId: "retry" });
      expect(transport.connection?.getServer()).toBe(`127.0.0.1:${port}`);
    } finally {
      await transport.close();
      await server.stop();
    }
  });
});
