/**
 * Virtual time: vitest's fake timers drive every timer the runtime uses (`setTimeout`,
 * `setInterval`, `Date`), and the memory network delivers in microtasks, which stay real. Each
 * test covers minutes of protocol time and takes milliseconds, with nothing waiting on a real
 * clock. The way docs/testing.md describes.
 */
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import {
  type Agent,
  type AgentInfo,
  createAgent,
  ErrorCode,
  type ParleyError,
} from "../../src/index.js";
import { createTestNetwork, type TestNetwork } from "../../testing/index.js";

let network: TestNetwork;
const agents: Agent[] = [];

async function agent(id: string, options: Partial<Parameters<typeof createAgent>[0]> = {}) {
  const made = createAgent({ id, transport: network.transport(), ...options });
  agents.push(made);
  await made.connect();
  return made;
}

beforeEach(() => {
  vi.useFakeTimers();
  network = createTestNetwork();
});

afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.close()));
  vi.useRealTimers();
});

it("times a request out after ten minutes of virtual time, and aborts the handler at its deadline", async () => {
  const server = await agent("vt-server");
  const client = await agent("vt-client");
  const aborted = new Promise<unknown>((resolve) => {
    server.handle("ponder", (_payload, ctx) => {
      ctx.signal.addEventListener("abort", () => resolve(ctx.signal.reason));
      return new Promise(() => {});
    });
  });
  const started = Date.now();
  let settled = false;
  const answer = client
    .request("vt-server", "ponder", {}, { timeout: 600_000 })
    .catch((error: unknown) => error as ParleyError)
    .finally(() => {
      settled = true;
    });
  await vi.advanceTimersByTimeAsync(599_000);
  expect(settled).toBe(false);
  await vi.advanceTimersByTimeAsync(1_000);
  expect((await answer).code).toBe(ErrorCode.timeout);
  expect(((await aborted) as ParleyError).code).toBe(ErrorCode.expired);
  expect(Date.now() - started).toBe(600_000);
});

it("marks an agent offline after it misses three heartbeats behind a partition, and online at the first one after healing", async () => {
  const presence = { presence: "heartbeats", heartbeatIntervalMs: 30_000 } as const;
  const watcher = await agent("vt-watcher", presence);
  await agent("vt-worker", presence);
  await vi.advanceTimersByTimeAsync(30_000);
  expect(watcher.directory.online().map((a) => a.id)).toEqual(["vt-worker"]);
  const events: [string, number][] = [];
  const cut = Date.now();
  watcher.on("agent:offline", (info: AgentInfo) =>
    events.push([`offline ${info.id}`, Date.now() - cut]),
  );
  watcher.on("agent:online", (info: AgentInfo) =>
    events.push([`online ${info.id}`, Date.now() - cut]),
  );
  const partition = network.partition("vt-worker");
  await vi.advanceTimersByTimeAsync(10 * 60_000);
  // Three missed 30 s heartbeats, then the next sweep (every 15 s): docs/transports/README.md.
  expect(events).toHaveLength(1);
  const [offline] = events;
  expect(offline?.[0]).toBe("offline vt-worker");
  expect(offline?.[1]).toBeGreaterThanOrEqual(60_000);
  expect(offline?.[1]).toBeLessThanOrEqual(3 * 30_000 + 15_000);
  partition.heal();
  const healed = Date.now() - cut;
  await vi.advanceTimersByTimeAsync(30_000);
  expect(events.map(([what]) => what)).toEqual(["offline vt-worker", "online vt-worker"]);
  expect(events[1]?.[1]).toBeGreaterThan(healed);
  expect(network.counts.partitioned).toBeGreaterThan(0);
});

it("keeps an hour of heartbeats to the beat: one every 30 s of virtual time", async () => {
  await agent("vt-beating", { presence: "heartbeats", heartbeatIntervalMs: 30_000 });
  const beats = () =>
    network.captured.filter(
      (m) => m.envelope?.message_type === "heartbeat" && m.envelope.sender_id === "vt-beating",
    );
  const before = beats().length;
  await vi.advanceTimersByTimeAsync(60 * 60_000);
  expect(beats().length - before).toBe(120);
});

it("refuses a request that arrives after it expired: two minutes on the way, a one-minute deadline", async () => {
  const server = await agent("vt-late-server");
  const client = await agent("vt-late-client");
  let ran = false;
  server.handle("stale", () => {
    ran = true;
    return {};
  });
  const refused: string[] = [];
  server.on("message:rejected", (rejection) => refused.push(rejection.error.code));
  network.setFaults({ latencyMs: 120_000, addresses: "a2a/+/request" });
  const answer = client
    .request("vt-late-server", "stale", {}, { timeout: 60_000 })
    .catch((error: unknown) => error as ParleyError);
  await vi.advanceTimersByTimeAsync(60_000);
  expect((await answer).code).toBe(ErrorCode.timeout);
  expect(refused).toEqual([]);
  await vi.advanceTimersByTimeAsync(60_000);
  expect(refused).toEqual([ErrorCode.expired]);
  expect(ran).toBe(false);
});
