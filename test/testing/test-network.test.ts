/**
 * The testing kit's network: each fault does what a user would see a real broker do, the same
 * seed gives the same faults, and the capture holds every message with its envelope. Raw
 * transports show the network itself; agents show what the faults do to them.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Agent, createAgent, ErrorCode, type ParleyError } from "../../src/index.js";
import type { InboundMessage, Transport, TransportStatus } from "../../src/transport.js";
import {
  capturedOn,
  createTestNetwork,
  type NetworkFaults,
  type TestNetwork,
} from "../../testing/index.js";

const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
  vi.useRealTimers();
});

async function agent(network: TestNetwork, id: string): Promise<Agent> {
  const made = createAgent({ id, transport: network.transport() });
  open.push(made);
  await made.connect();
  return made;
}

async function raw(network: TestNetwork, clientId: string): Promise<Transport> {
  const transport = network.transport();
  open.push(transport);
  await transport.connect({ clientId });
  return transport;
}

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (message: InboundMessage) => new TextDecoder().decode(message.bytes);

/** Publishes "1".."n" from one raw client to another, returns what arrived, in order. */
async function sendNumbers(network: TestNetwork, n: number): Promise<string[]> {
  vi.useFakeTimers();
  const from = await raw(network, "numbers-from");
  const to = await raw(network, "numbers-to");
  const got: string[] = [];
  await to.subscribe("a2a/numbers/+", (m) => got.push(text(m)));
  for (let i = 1; i <= n; i++) await from.publish("a2a/numbers/n", bytes(String(i)));
  await vi.advanceTimersByTimeAsync(60_000);
  return got;
}

const numbers = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));

describe("faults", () => {
  it("delivers each message only after the latency, in virtual time", async () => {
    vi.useFakeTimers();
    const network = createTestNetwork({ faults: { latencyMs: 5_000 } });
    const from = await raw(network, "late-from");
    const to = await raw(network, "late-to");
    const got: string[] = [];
    await to.subscribe("a2a/late/x", (m) => got.push(text(m)));
    await from.publish("a2a/late/x", bytes("hello"));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(got).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(got).toEqual(["hello"]);
  });

  it("loses about the drop rate's share of messages, the same ones for the same seed", async () => {
    const lost = async (seed: number) => {
      const got = await sendNumbers(createTestNetwork({ seed, faults: { dropRate: 0.3 } }), 200);
      await Promise.all(open.splice(0).map((o) => o.close()));
      return numbers(200).filter((n) => !got.includes(n));
    };
    const first = await lost(7);
    expect(first.length).toBeGreaterThan(30);
    expect(first.length).toBeLessThan(90);
    expect(await lost(7)).toEqual(first);
    expect(await lost(8)).not.toEqual(first);
  });

  it("delivers duplicates as a QoS 1 redelivery would, and an agent's handler still runs once", async () => {
    const network = createTestNetwork({ faults: { duplicateRate: 1 } });
    expect(await sendNumbers(network, 3)).toEqual(["1", "1", "2", "2", "3", "3"]);
    vi.useRealTimers();
    const server = await agent(network, "dup-server");
    const client = await agent(network, "dup-client");
    let runs = 0;
    server.handle("count", () => ({ runs: ++runs }));
    await expect(client.request("dup-server", "count")).resolves.toEqual({ runs: 1 });
    expect(runs).toBe(1);
    expect(network.counts.duplicated).toBeGreaterThan(6);
  });

  it("reorders messages, and jitter does too, deterministically from the seed", async () => {
    const reordered = await sendNumbers(createTestNetwork({ faults: { reorderRate: 0.3 } }), 50);
    expect(reordered).not.toEqual(numbers(50));
    expect([...reordered].sort((a, b) => Number(a) - Number(b))).toEqual(numbers(50));
    await Promise.all(open.splice(0).map((o) => o.close()));
    const jittered = (seed: number) =>
      sendNumbers(createTestNetwork({ seed, faults: { latencyMs: 10, jitterMs: 50 } }), 50);
    const once = await jittered(3);
    expect(once).not.toEqual(numbers(50));
    expect([...once].sort((a, b) => Number(a) - Number(b))).toEqual(numbers(50));
    await Promise.all(open.splice(0).map((o) => o.close()));
    expect(await jittered(3)).toEqual(once);
  });

  it("applies faults only to the addresses asked for", async () => {
    const network = createTestNetwork({ faults: { dropRate: 1, addresses: "a2a/+/request" } });
    const server = await agent(network, "only-server");
    const client = await agent(network, "only-client");
    server.handle("ping", () => ({ pong: true }));
    await client.broadcast("news", { n: 1 });
    const error = (await client
      .request("only-server", "ping", {}, { timeout: 300 })
      .catch((e: unknown) => e)) as ParleyError;
    expect(error.code).toBe(ErrorCode.timeout);
    network.setFaults({});
    await expect(client.request("only-server", "ping")).resolves.toEqual({ pong: true });
    expect(network.counts.dropped).toBe(1);
  });

  it("refuses rates outside 0..1 and negative delays, naming the option", () => {
    const network = createTestNetwork();
    const bad: [NetworkFaults, string][] = [
      [{ dropRate: 1.5 }, "dropRate must be between 0 and 1, got 1.5"],
      [{ duplicateRate: -0.1 }, "duplicateRate must be between 0 and 1, got -0.1"],
      [{ latencyMs: -1 }, "latencyMs must be a finite number of milliseconds >= 0, got -1"],
    ];
    for (const [faults, message] of bad) expect(() => network.setFaults(faults)).toThrow(message);
    expect(() => createTestNetwork({ faults: { reorderRate: 2 } })).toThrow(RangeError);
  });
});

describe("partitions", () => {
  it("cuts two agents apart both ways while others still reach both, until healed", async () => {
    const network = createTestNetwork();
    const [a, b, c] = await Promise.all(
      ["part-a", "part-b", "part-c"].map((id) => agent(network, id)),
    );
    for (const [who, name] of [
      [a, "part-a"],
      [b, "part-b"],
    ] as const)
      who?.handle("who", () => ({ name }));
    const partition = network.partition("part-a", "part-b");
    const cutOff = (await b
      ?.request("part-a", "who", {}, { timeout: 300 })
      .catch((e: unknown) => e)) as ParleyError;
    expect(cutOff.code).toBe(ErrorCode.timeout);
    await expect(c?.request("part-a", "who")).resolves.toEqual({ name: "part-a" });
    await expect(c?.request("part-b", "who")).resolves.toEqual({ name: "part-b" });
    partition.heal();
    await expect(b?.request("part-a", "who")).resolves.toEqual({ name: "part-a" });
    expect(network.counts.partitioned).toBeGreaterThan(0);
  });

  it("refuses an agent on both sides", () => {
    expect(() => createTestNetwork().partition(["x", "y"], ["y"])).toThrow(
      '"y" cannot be on both sides of a partition',
    );
  });
});

describe("broker restart", () => {
  async function retainedAfterRestart(retained: "keep" | "lose"): Promise<string[]> {
    const network = createTestNetwork();
    const publisher = await raw(network, `restart-pub-${retained}`);
    await publisher.publish("a2a/restart/card", bytes("card"), { retain: true });
    const back = new Promise<TransportStatus>((resolve) =>
      publisher.onStatus((s) => {
        if (s.state === "connected") resolve(s);
      }),
    );
    network.restart({ retained });
    expect(await back).toEqual({ state: "connected", resumed: true });
    const late = await raw(network, `restart-late-${retained}`);
    const got: string[] = [];
    await late.subscribe("a2a/restart/+", (m) => got.push(text(m)));
    // A message after the subscription: once it is in, a retained one would be too.
    await publisher.publish("a2a/restart/after", bytes("after"));
    await vi.waitFor(() => expect(got).toContain("after"));
    return got;
  }

  it("drops every connection and keeps retained messages when asked to", async () => {
    expect(await retainedAfterRestart("keep")).toEqual(["card", "after"]);
  });

  it("loses retained messages when asked to", async () => {
    expect(await retainedAfterRestart("lose")).toEqual(["after"]);
  });

  it("publishes no Last Will for a restart, and agents answer again once reconnected", async () => {
    const network = createTestNetwork();
    const server = await agent(network, "rs-server");
    const client = await agent(network, "rs-client");
    server.handle("ping", () => ({ pong: true }));
    const offline: string[] = [];
    client.on("agent:offline", (info) => offline.push(info.id));
    const reconnected = (who: Agent) =>
      new Promise<void>((resolve) =>
        who.on("connection", (s) => {
          if (s.state === "connected") resolve();
        }),
      );
    const resumed = Promise.all([reconnected(server), reconnected(client)]);
    network.restart({ retained: "keep" });
    await resumed;
    await expect(client.request("rs-server", "ping")).resolves.toEqual({ pong: true });
    expect(network.captured.filter((m) => m.will)).toEqual([]);
    expect(offline).toEqual([]);
  });
});

describe("capture", () => {
  it("records every published message in order with its decoded envelope, Last Wills included", async () => {
    const network = createTestNetwork();
    const server = await agent(network, "cap-server");
    const client = await agent(network, "cap-client");
    server.handle("double", ({ x }: { x: number }) => ({ y: x * 2 }));
    await client.request("cap-server", "double", { x: 4 });
    const exchange = [
      ...capturedOn(network.captured, "a2a/cap-server/request"),
      ...capturedOn(network.captured, "a2a/cap-client/response"),
    ];
    expect(exchange.map((m) => [m.envelope?.sender_id, m.envelope?.payload])).toEqual([
      ["cap-client", { request_type: "double", x: 4 }],
      ["cap-server", { y: 8 }],
    ]);
    expect(exchange[1]?.envelope?.correlation_id).toBe(exchange[0]?.envelope?.correlation_id);
    network.drop("cap-server");
    const will = network.captured.filter((m) => m.will);
    expect(will).toHaveLength(1);
    expect(will[0]?.address).toBe("a2a/_presence/cap-server");
  });
});
