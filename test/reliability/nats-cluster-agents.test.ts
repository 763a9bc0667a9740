/**
 * Agents on a three-node NATS cluster: agents on different nodes talk, and when the node one of
 * them is connected to is killed under traffic, it carries on through another node. Every request
 * completes or fails with a typed error; none hangs.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Agent, createAgent, isErrorCode, isParleyError } from "../../src/index.js";
import { eventually } from "../../testing/conformance/mesh.js";
import { createNatsTransport } from "../../transports/nats/index.js";
import { type NatsCluster, startNatsCluster } from "../harness/nats-cluster.js";

let cluster: NatsCluster;
let traveller: Agent;
let worker: Agent;

beforeAll(async () => {
  cluster = await startNatsCluster();
  const [first, second, third] = cluster.urls as [string, string, string];
  // The traveller knows every node and starts on the first; the worker lives on the third.
  traveller = createAgent({
    id: "nc-traveller",
    transport: createNatsTransport({
      servers: [first, second, third],
      noRandomize: true,
      reconnectTimeWaitMs: 50,
    }),
    heartbeatIntervalMs: 200,
  });
  worker = createAgent({
    id: "nc-worker",
    transport: createNatsTransport({
      servers: [third, second],
      noRandomize: true,
      reconnectTimeWaitMs: 50,
    }),
    heartbeatIntervalMs: 200,
  });
  worker.handle<{ n: number }>("echo", ({ n }) => ({ n }));
  await worker.connect();
  await traveller.connect();
}, 30_000);

afterAll(async () => {
  await traveller?.close();
  await worker?.close();
  await cluster?.stop();
});

/** Interest spreads between nodes asynchronously: ask until the first answer comes back. */
async function firstAnswer(): Promise<void> {
  for (let i = 0; ; i++) {
    const ok = await traveller.request("nc-worker", "echo", { n: -1 }, { timeout: 200 }).then(
      () => true,
      () => false,
    );
    if (ok) return;
    if (i > 100) throw new Error("no answer across the cluster");
  }
}

it("lets agents on different nodes find each other and talk", async () => {
  await firstAnswer();
  await expect(traveller.request("nc-worker", "echo", { n: 7 })).resolves.toEqual({ n: 7 });
  await eventually(
    () => traveller.directory.get("nc-worker")?.status === "online",
    "the worker in the traveller's directory",
  );
});

it("carries on through another node when its node is killed under traffic", async () => {
  let sending = true;
  let oks = 0;
  const outcomes: Promise<string>[] = [];
  const traffic = (async () => {
    for (let n = 0; sending; n++) {
      outcomes.push(
        traveller.request<{ n: number }>("nc-worker", "echo", { n }, { timeout: 2000 }).then(
          (r) => {
            oks++;
            return r.n === n ? "ok" : "wrong answer";
          },
          (e: unknown) =>
            isParleyError(e) && isErrorCode(e.code) ? e.code : `untyped: ${String(e)}`,
        ),
      );
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  await eventually(() => oks > 10, "traffic before the failure");
  await cluster.nodes[0]?.kill();
  const before = oks;
  await eventually(() => oks > before + 10, "traffic through another node", 20_000);
  sending = false;
  await traffic;
  const settled = await Promise.all(outcomes);
  expect(settled.filter((o) => o !== "ok" && o !== "timeout" && o !== "unavailable")).toEqual([]);
}, 60_000);
