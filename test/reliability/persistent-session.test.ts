/**
 * Nothing lost: requests and responses at QoS 1 with persistent sessions survive a broker restart
 * (mosquitto killed and started again, its state saved on every change). Every request the
 * transport accepted ends in its own response, none twice: the responder answers a redelivered
 * request from its response cache instead of running it again. And a responder that crashes
 * with a persistent session gets the requests sent to it on its return: its callers keep waiting
 * for them when it goes offline, instead of failing them as they do for other agents.
 */
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it, onTestFinished } from "vitest";
import { type Agent, type AgentInfo, createAgent, isParleyError } from "../../src/index.js";
import { eventually, next } from "../../testing/conformance/mesh.js";
import { createMqttTransport } from "../../transports/mqtt/index.js";
import { startAgentProcess } from "../harness/agent-process.js";
import type { BrokerProcess } from "../harness/broker-process.js";
import { startMosquitto } from "../harness/mosquitto.js";
import type { ResponderConfig } from "./fixtures/hanging-responder.js";

let broker: BrokerProcess;
let server: Agent;
let client: Agent;
const runs = new Map<number, number>();

beforeAll(async () => {
  broker = await startMosquitto({
    persistence: true,
    config: ["autosave_on_changes true", "autosave_interval 1"],
  });
  const transport = () =>
    createMqttTransport({
      url: `mqtt://127.0.0.1:${broker.port}`,
      clean: false,
      sessionExpirySeconds: 600,
      reconnectPeriodMs: 100,
    });
  server = createAgent({ id: "ps-server", transport: transport(), heartbeatIntervalMs: 0 });
  client = createAgent({ id: "ps-client", transport: transport(), heartbeatIntervalMs: 0 });
  server.handle<{ n: number }>("record", ({ n }) => {
    runs.set(n, (runs.get(n) ?? 0) + 1);
    return { n };
  });
  await server.connect();
  await client.connect();
});

afterAll(async () => {
  await client?.close();
  await server?.close();
  await broker?.stop();
});

it("completes every accepted request across a broker restart, each handled once", async () => {
  const outcomes: Promise<string>[] = [];
  let sending = true;
  let completed = 0;
  const traffic = (async () => {
    for (let n = 0; sending; n++) {
      outcomes.push(
        client.request<{ n: number }>("ps-server", "record", { n }, { timeout: 30_000 }).then(
          (r) => {
            completed++;
            return r.n === n ? "ok" : "wrong answer";
          },
          // A publish refused while the connection is down was never accepted: the caller knows.
          (e: unknown) =>
            isParleyError(e) && e.code === "unavailable" ? "refused" : `lost: ${String(e)}`,
        ),
      );
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  await eventually(() => completed >= 20, "traffic before the restart");
  await broker.restart();
  const before = completed;
  await eventually(() => completed > before + 20, "traffic after the restart", 20_000);
  sending = false;
  await traffic;
  const settled = await Promise.all(outcomes);
  expect(settled.filter((o) => o !== "ok" && o !== "refused")).toEqual([]);
  expect([...runs.values()].filter((count) => count !== 1)).toEqual([]);
}, 60_000);

it("keeps a request to a crashed responder with a persistent session waiting, and it is answered on its return", async () => {
  const responder: ResponderConfig = {
    transport: "mqtt",
    url: `mqtt://127.0.0.1:${broker.port}`,
    id: "ps-crashing",
    persistent: true,
  };
  // No grace: a wrong failure would come at once, not after the responder is back.
  const caller = createAgent({
    id: "ps-caller",
    transport: createMqttTransport({ url: responder.url, protocolVersion: 5 }),
    heartbeatIntervalMs: 0,
    offlineGraceMs: 0,
  });
  onTestFinished(() => caller.close());
  await caller.connect();
  const fixture = fileURLToPath(new URL("./fixtures/hanging-responder.ts", import.meta.url));
  const first = await startAgentProcess(fixture, [JSON.stringify(responder)]);
  await eventually(
    () => caller.directory.get("ps-crashing")?.requestsSurviveAbsence === true,
    "its card saying requests survive its absence",
  );
  const offline = next<AgentInfo>(
    (cb) => caller.on("agent:offline", cb),
    (info) => info.id === "ps-crashing",
  );
  const killed = first.kill();
  // Sent in the same turn as the kill, before its Last Will can reach us: pending when the
  // responder is marked offline. The broker holds it for the session (queued, or in flight).
  let settled = false;
  const answer = caller.request("ps-crashing", "hang", {}, { timeout: 10 * 60_000 });
  answer.then(
    () => (settled = true),
    () => (settled = true),
  );
  await killed;
  expect((await offline).offlineReason).toBe("connection_lost");
  await new Promise((resolve) => setImmediate(resolve));
  expect(settled).toBe(false);
  const second = await startAgentProcess(fixture, [JSON.stringify({ ...responder, answer: true })]);
  onTestFinished(() => second.kill());
  expect(await answer).toMatchObject({ answered_by: "ps-crashing" });
  expect(caller.stats().offlineFailures).toBe(0);
}, 60_000);
