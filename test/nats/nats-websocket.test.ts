/**
 * NATS over WebSocket (`ws://` servers) from Node: agents talk through a nats-server's WebSocket
 * listener, with agents on the same server over plain NATS, and ride through a server restart.
 */
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createAgent } from "../../src/index.js";
import { createNatsTransport } from "../../transports/nats/index.js";
import type { TransportStatus } from "../../transports/transport.js";
import { freePort } from "../harness/free-port.js";
import { type NatsServer, startNatsServer } from "../harness/nats-server.js";
import { runNodeFixture } from "../harness/node-fixture.js";
import { messageSink } from "../harness/transport-probes.js";
import { bytes, text } from "./nats-test-transports.js";

const TCP_AGENT = fileURLToPath(
  new URL("./fixtures/tcp-agent-beside-websocket.ts", import.meta.url),
);
const ROUND_TRIP = fileURLToPath(new URL("./fixtures/websocket-round-trip.ts", import.meta.url));

let server: NatsServer;
beforeAll(async () => {
  server = await startNatsServer({ websocket: true });
});
afterAll(async () => {
  await server?.stop();
});

function wsUrl(): string {
  if (server.wsUrl === undefined) throw new Error("the server has no WebSocket listener");
  return server.wsUrl;
}

it("serves requests and broadcasts between an agent over ws:// and one over nats://", async () => {
  const agent = createAgent({ id: "ws-agent", transport: createNatsTransport({ url: wsUrl() }) });
  agent.handle("whoami", () => ({ via: "websocket" }));
  let peerReady!: () => void;
  const ready = new Promise<void>((resolve) => {
    peerReady = resolve;
  });
  agent.handle("ready", () => {
    peerReady();
    return {};
  });
  const newsBack = new Promise<unknown>((resolve) => agent.on("news-back", resolve));
  await agent.connect();
  try {
    // The nats:// agent runs in its own process: nats.js v3 serves one connection kind per process.
    const child = runNodeFixture(TCP_AGENT, [server.url]);
    await ready;
    await expect(agent.request("tcp-agent", "whoami")).resolves.toEqual({ via: "nats" });
    await agent.broadcast("news", { headline: "over websocket" });
    await expect(newsBack).resolves.toMatchObject({ heard: "yes" });
    const { stdout, stderr, code } = await child;
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      peer: { via: "websocket" },
      heard: { headline: "over websocket" },
    });
  } finally {
    await agent.close();
  }
});

it("carries metadata and resumes after a server restart, reporting one loss and one resume", async () => {
  const options = { url: wsUrl(), reconnectTimeWaitMs: 50 };
  const sender = createNatsTransport(options);
  const receiver = createNatsTransport(options);
  const statuses: string[] = [];
  sender.onStatus((s: TransportStatus) =>
    statuses.push(s.state === "connected" ? `connected resumed=${s.resumed}` : s.state),
  );
  await sender.connect({ clientId: "ws-sender" });
  await receiver.connect({ clientId: "ws-receiver" });
  try {
    const sink = messageSink();
    await receiver.subscribe("a2a/ws-receiver/+", sink.deliver);
    await sender.publish("a2a/ws-receiver/note", bytes("before"), {
      qos: 1,
      metadata: { trace: "t-1" },
    });
    const first = await sink.next();
    expect(text(first.bytes)).toBe("before");
    expect(first.metadata).toEqual({ trace: "t-1" });

    const resumed = Promise.all(
      [sender, receiver].map(
        (t) =>
          new Promise<void>((resolve) =>
            t.onStatus((s) => {
              if (s.state === "connected") resolve();
            }),
          ),
      ),
    );
    await server.kill();
    await server.restart();
    await resumed;
    await sender.publish("a2a/ws-receiver/note", bytes("after"), { qos: 1 });
    expect(text((await sink.next()).bytes)).toBe("after");
  } finally {
    await sender.close();
    await receiver.close();
  }
  expect(statuses).toEqual([
    "connected resumed=false",
    "disconnected",
    "reconnecting",
    "connected resumed=true",
    "closed",
  ]);
});

it("refuses to mix TCP and WebSocket connections in one process, with a one-line error", async () => {
  const ws = createNatsTransport({ url: wsUrl() });
  await ws.connect({ clientId: "ws-first" });
  const tcp = createNatsTransport({ url: server.url });
  try {
    const error = (await tcp.connect({ clientId: "tcp-second" }).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(
      `nats transport could not connect to ${server.url}: this process has NATS connections over WebSocket open, and nats.js v3 serves one kind per process: close them before connecting over TCP`,
    );
  } finally {
    await ws.close();
  }
  // Once the WebSocket connection is gone, TCP is fine.
  await tcp.connect({ clientId: "tcp-second" });
  await tcp.close();
});

it("says the connection was refused when nothing listens at a ws:// URL", async () => {
  const url = `ws://127.0.0.1:${await freePort()}`;
  const transport = createNatsTransport({ url });
  const error = (await transport
    .connect({ clientId: "ws-nobody" })
    .catch((e: unknown) => e)) as Error;
  expect(error.message).toBe(
    `nats transport could not connect to ${url}: connection refused (is a nats-server listening there?)`,
  );
});

// Node 20 has no WebSocket global unless started with --experimental-websocket (Node 22 has one):
// the transport uses `ws` without it and the runtime's own WebSocket with it.
it.each([
  ["as started (on Node 20: no WebSocket global, ws stands in)", "", typeof globalThis.WebSocket],
  ["with the runtime's WebSocket global", "--experimental-websocket", "function"],
])("works in Node %s", async (_, flag, global) => {
  const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} ${flag}` };
  const { stdout, stderr, code } = await runNodeFixture(ROUND_TRIP, [wsUrl()], env);
  expect({ stderr, code }).toEqual({ stderr: "", code: 0 });
  expect(JSON.parse(stdout)).toEqual({ global, received: "hello" });
});
