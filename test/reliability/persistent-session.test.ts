/**
 * Nothing lost: requests and responses at QoS 1 with persistent sessions survive a broker restart
 * (mosquitto killed and started again, its state saved on every change). Every request the
 * transport accepted ends in its own response, none twice: the responder answers a redelivered
 * request from its response cache instead of running it again.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Agent, createAgent, isParleyError } from "../../src/index.js";
import { createMqttTransport } from "../../transports/mqtt/index.js";
import { eventually } from "../conformance/mesh.js";
import type { BrokerProcess } from "../harness/broker-process.js";
import { startMosquitto } from "../harness/mosquitto.js";

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
